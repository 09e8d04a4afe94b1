package dev.tidemark.migration;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run holds three connections at once (statements, migration lock, lock watchdog). Out of a pool of
 * two, the watchdog cannot get its connection; the run must not wait for the pool's timeout for it.
 */
@WithPostgres
class SmallPoolTests {

    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aPoolOfTwoConnectionsMigratesWithoutWaitingForThePoolTimeout(TestDatabase database, @TempDir Path dir) {
        database.resetSchema();
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__a.sql", "CREATE TABLE a (id int);");
        files.write("1.0.0/V2__expand__b.sql", "ALTER TABLE a ADD COLUMN b int;");
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(new Pool(database, 2))
            .codeVersion("1.0.0").locations(files.location()).build());

        long start = System.nanoTime();
        assertThat(tidemark.migrate().appliedCount()).isEqualTo(2);
        // Generous: the point is that the run is not held up for the whole 30 s pool timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(POOL_TIMEOUT.dividedBy(2));
        assertThat(Sql.appliedVersions(database)).containsExactly("1", "2");
    }

    /** A pool that hands out at most {@code size} connections and makes a caller wait for a free one. */
    private static final class Pool implements DataSource {

        private final DataSource target;

        private final Semaphore free;

        Pool(DataSource target, int size) {
            this.target = target;
            this.free = new Semaphore(size);
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                if (!this.free.tryAcquire(POOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new SQLTransientConnectionException("Connection is not available, request timed out after "
                            + POOL_TIMEOUT.toMillis() + "ms");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new SQLException(ex);
            }
            Connection connection = this.target.getConnection();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            if (!connection.isClosed()) {
                                connection.close();
                                this.free.release();
                            }
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        }
                        catch (java.lang.reflect.InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("not supported");
        }

        @Override
        public PrintWriter getLogWriter() {
            return new PrintWriter(System.err);
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
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }

    }

}
