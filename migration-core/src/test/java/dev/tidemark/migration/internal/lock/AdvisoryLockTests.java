package dev.tidemark.migration.internal.lock;

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

    /** Hands out real connections and keeps them, so a test can act on the lock's own session. */
    private static final class RecordingDataSource extends org.postgresql.ds.PGSimpleDataSource {

        private final List<Connection> connections = new ArrayList<>();

        RecordingDataSource(TestDatabase database) {
            setUrl(database.jdbcUrl());
            setUser(database.user());
            setPassword(database.password());
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            this.connections.add(connection);
            return connection;
        }

    }

}
