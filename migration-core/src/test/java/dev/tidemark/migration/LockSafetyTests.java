package dev.tidemark.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@WithPostgres
class LockSafetyTests {

    @Test
    void aBlockedDdlRetriesAndSucceedsAfterTheBlockerCommitsWhileTheApplicationKeepsRunning(TestDatabase database,
            @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, total int);\n"
                + "INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g;");
        Duration lockTimeout = Duration.ofSeconds(1);
        List<Integer> retries = new CopyOnWriteArrayList<>();
        List<String> succeeded = new CopyOnWriteArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void lockTimeoutRetry(MigrationInfo migration, int attempt, Duration backoff) {
                retries.add(attempt);
            }

            @Override
            public void migrationSucceeded(MigrationInfo migration, Duration took, int attempts) {
                succeeded.add("V" + migration.version() + " " + attempts + " " + (took.toMillis() >= 2_000));
            }
        };
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .historyTable("history_retry").locations(files.location()).lockTimeout(lockTimeout).listener(listener)
            .build());
        tidemark.migrate();
        files.write("1.0.0/V2__expand__add_note.sql", "ALTER TABLE orders ADD COLUMN note text;");

        try (Connection blocker = database.getConnection(); Connection probe = database.getConnection()) {
            blocker.setAutoCommit(false);
            execute(blocker, "SELECT count(*) FROM orders");
            AtomicBoolean probing = new AtomicBoolean(true);
            AtomicLong slowestNanos = new AtomicLong();
            CompletableFuture<Void> probeRun = CompletableFuture.runAsync(() -> {
                while (probing.get()) {
                    long start = System.nanoTime();
                    try {
                        execute(probe, "SELECT total FROM orders WHERE id = 42");
                        Thread.sleep(10);
                    }
                    catch (SQLException | InterruptedException ex) {
                        throw new IllegalStateException(ex);
                    }
                    slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                }
            });
            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(tidemark::migrate);
            Thread.sleep(2_500);
            assertThat(migration).isNotDone();
            blocker.commit();
            assertThat(migration.get(60, TimeUnit.SECONDS).appliedCount()).isEqualTo(1);
            probing.set(false);
            probeRun.get(10, TimeUnit.SECONDS);
            // The watchdog cancels the DDL as soon as the probe queues behind it; lock_timeout bounds it in any case.
            assertThat(Duration.ofNanos(slowestNanos.get())).isLessThan(lockTimeout.plusSeconds(1));
        }
        assertThat(retries).isNotEmpty();
        try (Connection connection = database.getConnection()) {
            assertThat(query(connection, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' "
                    + "AND column_name = 'note'")).isEqualTo(1);
            assertThat(query(connection, "SHOW lock_timeout")).as("no setting leaks into a fresh session").isEqualTo("0");
            // The history, the log and the listener count every attempt and the whole time, retries and pauses included.
            assertThat(query(connection, "SELECT attempts FROM history_retry WHERE version = '2'"))
                .isEqualTo(retries.size() + 1);
            assertThat(((Number) query(connection, "SELECT execution_time_ms FROM history_retry WHERE version = '2'"))
                .longValue()).isGreaterThanOrEqualTo(2_000L);
        }
        assertThat(succeeded).containsExactly("V1 1 false", "V2 " + (retries.size() + 1) + " true");
    }

    @Test
    void exhaustedRetriesNameTheBlockerAndLeaveTheDatabaseAndHistoryUnchanged(TestDatabase database, @TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__items.sql", "CREATE TABLE items (id int PRIMARY KEY);");
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .historyTable("history_exhausted").locations(files.location()).lockTimeout(Duration.ofMillis(300))
            .initialLockTimeout(Duration.ofMillis(300)).lockRetries(3).lockRetryBackoff(Duration.ofMillis(50)).lockRetryMaxDuration(Duration.ofSeconds(30))
            .build());
        tidemark.migrate();
        files.write("1.0.0/V2__expand__two_steps.sql", "CREATE TABLE item_notes (id int);\n"
                + "ALTER TABLE items ADD COLUMN name text;");
        LockTimeoutRetriesExhaustedException failure;
        int blockerPid;
        try (Connection blocker = database.getConnection()) {
            execute(blocker, "SET application_name = 'report-job'");
            blockerPid = Integer.parseInt(query(blocker, "SELECT pg_backend_pid()").toString());
            blocker.setAutoCommit(false);
            execute(blocker, "SELECT count(*) FROM items /* nightly report */");
            failure = catchThrowableOfType(LockTimeoutRetriesExhaustedException.class, tidemark::migrate);
            blocker.rollback();
        }
        assertThat(failure).isNotNull();
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(failure.errorCode()).isEqualTo(ErrorCode.LOCK_TIMEOUT_RETRIES_EXHAUSTED);
        assertThat(failure.getMessage()).contains("pid " + blockerPid, "report-job", "idle in transaction",
                "SELECT count(*) FROM items /* nightly report */", "line 2", "nothing of it was applied");
        assertThat(failure.blockers()).singleElement().asString().contains("pid " + blockerPid);
        try (Connection connection = database.getConnection()) {
            assertThat(query(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'item_notes'")).isEqualTo(0);
            assertThat(query(connection, "SELECT count(*) FROM history_exhausted")).isEqualTo(1);
        }
        assertThat(tidemark.info()).extracting(MigrationInfo::state)
            .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
    }

    @Test
    void theWatchdogStillCancelsAStatementOfALaterMigrationInTheSameRun(TestDatabase database, @TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__carts.sql", "CREATE TABLE carts (id int PRIMARY KEY);");
        List<String> cancelled = new CopyOnWriteArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void statementLockTimedOut(MigrationInfo migration, Duration waited, int blockedSessions,
                    boolean byWatchdog) {
                if (byWatchdog) {
                    cancelled.add(migration.version().toString());
                }
            }
        };
        // A lock_timeout far beyond the test: only the watchdog can end the wait early.
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .historyTable("history_watchdog").locations(files.location()).lockTimeout(Duration.ofSeconds(60))
            .lockRetryBackoff(Duration.ofMillis(50)).listener(listener).build());
        tidemark.migrate();
        files.write("1.0.0/V2__expand__coupons.sql", "CREATE TABLE coupons (id int PRIMARY KEY);");
        files.write("1.0.0/V3__expand__add_total.sql", "ALTER TABLE carts ADD COLUMN total int;");
        try (Connection blocker = database.getConnection(); Connection reader = database.getConnection()) {
            blocker.setAutoCommit(false);
            execute(blocker, "SELECT count(*) FROM carts");
            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(tidemark::migrate);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!cancelled.contains("3") && System.nanoTime() < deadline) {
                // An application read that queues behind the waiting ALTER TABLE whenever it is in the lock queue.
                CompletableFuture.runAsync(() -> {
                    try {
                        execute(reader, "SELECT count(*) FROM carts");
                    }
                    catch (SQLException ex) {
                        throw new IllegalStateException(ex);
                    }
                }).get(30, TimeUnit.SECONDS);
                Thread.sleep(20);
            }
            blocker.commit();
            assertThat(migration.get(60, TimeUnit.SECONDS).applied()).extracting((info) -> info.version().toString())
                .containsExactly("2", "3");
        }
        assertThat(cancelled).as("watchdog cancels of V3, the second migration of the run").contains("3");
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static Object query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            Object value = result.getObject(1);
            return (value instanceof Long count) ? (Object) count.intValue() : value;
        }
    }

}
