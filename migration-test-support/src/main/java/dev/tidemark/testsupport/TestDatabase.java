package dev.tidemark.testsupport;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A fresh database of its own on the {@link PostgresServer}, dropped on {@link #close()}. Doubles as a
 * plain, unpooled {@link DataSource}: every {@link #getConnection()} opens a new physical connection,
 * the way separate application instances would. Thread-safe.
 */
public final class TestDatabase implements DataSource, AutoCloseable {

    private final PostgresServer server;
    private final String name;

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** The database name. */
    public String name() {
        return this.name;
    }

    /** The JDBC URL of this database. */
    public String jdbcUrl() {
        return this.server.jdbcUrl(this.name);
    }

    /** The user to connect as. */
    public String user() {
        return this.server.user();
    }

    /** The password of {@link #user()}. */
    public String password() {
        return this.server.password();
    }

    /**
     * Empties the database for the next test: drops every schema but the system ones, with all they hold
     * (Tidemark's tables included), and creates an empty {@code public} schema again.
     */
    public void resetSchema() {
        Sql.execute(this, "DO $$ DECLARE s text; BEGIN "
                + "FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' "
                + "LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; "
                + "CREATE SCHEMA public; END $$");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return this.server.connect(this.name);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("TestDatabase connects as " + user() + " only");
    }

    @Override
    public void close() {
        this.server.dropDatabase(this.name);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + jdbcUrl() + "]";
    }

}
