package dev.tidemark.migration.internal.lock;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.LockWaitTimeoutException;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@WithPostgres
class AdvisoryLockTests {

    private static final Duration POLL = Duration.ofMillis(50);

    @Test
    void lockIsExclusivePerResourceAndFreeAgainAfterRelease(TestDatabase database) {
        AdvisoryLock lock = new AdvisoryLock(database, "\"public\".\"tidemark_history\"");
        try (AdvisoryLock.Held held = lock.acquire(POLL, Duration.ofSeconds(5))) {
            held.verify();
            assertThatExceptionOfType(LockWaitTimeoutException.class)
                .isThrownBy(() -> lock.acquire(POLL, Duration.ofMillis(200)))
                .withMessageContaining("pid " + held.pid());
            // Another history table is another resource: its migrations proceed independently.
            new AdvisoryLock(database, "\"other\".\"tidemark_history\"").acquire(POLL, Duration.ofSeconds(1)).close();
        }
        lock.acquire(POLL, Duration.ofSeconds(1)).close();
    }

    @Test
    void unlockThatPostgresReportsAsNotHeldIsAnError(TestDatabase database) throws SQLException {
        RecordingDataSource recording = new RecordingDataSource(database);
        AdvisoryLock.Held held = new AdvisoryLock(recording, "resource").acquire(POLL, Duration.ofSeconds(5));
        // What a transaction-pooling proxy does: the session that took the lock is not the one unlocking.
        try (Statement statement = recording.connections.get(0).createStatement()) {
            statement.execute("SELECT pg_advisory_unlock_all()");
        }
        assertThatExceptionOfType(TidemarkException.class).isThrownBy(held::close)
            .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.LOCK_LOST))
            .withMessageContaining("PgBouncer");
    }

    @Test
    void verifyFailsOnceTheLockSessionIsGone(TestDatabase database) throws SQLException {
        AdvisoryLock.Held held = new AdvisoryLock(database, "resource").acquire(POLL, Duration.ofSeconds(5));
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + held.pid() + ")");
        }
        assertThatExceptionOfType(TidemarkException.class).isThrownBy(held::verify)
            .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.LOCK_LOST));
    }

    @Test
    void lockSessionOutlivesTheDatabasesIdleSessionTimeoutAndRestoresItOnRelease(TestDatabase database) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            // idle_session_timeout exists from PostgreSQL 14 on, the oldest version Tidemark supports.
            statement.execute("ALTER DATABASE " + database.name() + " SET idle_session_timeout = '300ms'");
        }
        RecordingDataSource pool = new RecordingDataSource(database, true);
        AdvisoryLock.Held held = new AdvisoryLock(pool, "resource").acquire(POLL, Duration.ofSeconds(5));
        Thread.sleep(1500);
        held.verify();
        held.close();
        // Back in the pool, the session ends idle sessions again like every other one of the database.
        try (Statement statement = pool.connections.get(0).createStatement();
                var result = statement.executeQuery("SELECT current_setting('idle_session_timeout')")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("300ms");
        }
    }

    /**
     * Hands out real connections and keeps them, so a test can act on the lock's own session; like a pool,
     * if asked, it keeps the session open when the borrower closes the connection.
     */
    private static final class RecordingDataSource extends org.postgresql.ds.PGSimpleDataSource {

        private final List<Connection> connections = new ArrayList<>();

        private final boolean pooled;

        RecordingDataSource(TestDatabase database) {
            this(database, false);
        }

        RecordingDataSource(TestDatabase database, boolean pooled) {
            setUrl(database.jdbcUrl());
            setUser(database.user());
            setPassword(database.password());
            this.pooled = pooled;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            this.connections.add(connection);
            if (!this.pooled) {
                return connection;
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        }
                        catch (InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }

    }

}
