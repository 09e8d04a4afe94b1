package dev.tidemark.migration.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Switches the server's idle timeouts off for one of Tidemark's sessions, and back on when closed.
 * {@code idle_session_timeout} (PostgreSQL 14+) ends a session that stays idle too long, and Tidemark's
 * sessions are idle on purpose: the migration lock's session for the whole run, the lock watchdog's
 * between statements, the migration's own during a retry pause. A server or role that sets it would
 * otherwise end the migration lock in the middle of a run. {@code idle_in_transaction_session_timeout}
 * is switched off for the same reason. The previous values are put back, because the connection may go
 * back to a pool. Not thread-safe.
 */
public final class IdleTimeouts implements AutoCloseable {

    private static final String SET = "SELECT set_config('idle_session_timeout', ?, false), "
            + "set_config('idle_in_transaction_session_timeout', ?, false)";

    private final Connection connection;

    private final String idleSession;

    private final String idleInTransaction;

    private IdleTimeouts(Connection connection, String idleSession, String idleInTransaction) {
        this.connection = connection;
        this.idleSession = idleSession;
        this.idleInTransaction = idleInTransaction;
    }

    /** Switches both timeouts off on the connection's session; close the result to put them back. */
    public static IdleTimeouts disable(Connection connection) throws SQLException {
        String idleSession;
        String idleInTransaction;
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting('idle_session_timeout'), "
                + "current_setting('idle_in_transaction_session_timeout')");
                ResultSet result = statement.executeQuery()) {
            result.next();
            idleSession = result.getString(1);
            idleInTransaction = result.getString(2);
        }
        set(connection, "0", "0");
        return new IdleTimeouts(connection, idleSession, idleInTransaction);
    }

    @Override
    public void close() throws SQLException {
        if (!this.connection.isClosed()) {
            set(this.connection, this.idleSession, this.idleInTransaction);
        }
    }

    private static void set(Connection connection, String idleSession, String idleInTransaction) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SET)) {
            statement.setString(1, idleSession);
            statement.setString(2, idleInTransaction);
            statement.executeQuery().close();
        }
    }

}
