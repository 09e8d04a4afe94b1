package dev.tidemark.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static dev.tidemark.migration.LockWaitBoundTests.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Statements that take at most SHARE UPDATE EXCLUSIVE block no application query while they wait, so they are
 * not cut short by the short lock_timeout of the statements that do: they wait for what is in their way and
 * complete in one attempt.
 * <p>
 * The scenario has a 12 s query. What matters is only that the wait outlasts the short bound many times
 * over: these tests set the write-blocking bound to 50-200 ms, so a wait of 2.5 s is more than ten of them (on
 * the code before the wait policy, the index was dropped and rebuilt each time), and 12 s would add nothing but
 * CI time.
 */
@WithPostgres
class ConcurrentLockWaitTests {

    private static final Duration LONG_QUERY = Duration.ofMillis(2_500);

    private final TestDatabase database;

    private final List<Duration> lockTimeouts = new CopyOnWriteArrayList<>();

    private final List<Integer> attempts = new CopyOnWriteArrayList<>();

    ConcurrentLockWaitTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void reset() {
        this.database.resetSchema();
    }

    @Test
    void createIndexConcurrentlyWaitsForALongQueryOnAnotherTableAndCompletesInOneAttempt(@TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__tables.sql", "CREATE TABLE t (id int PRIMARY KEY, v int);\n"
                + "INSERT INTO t SELECT g, g FROM generate_series(1, 20000) g;\n"
                + "CREATE TABLE report_source (id int);\nINSERT INTO report_source VALUES (1);");
        Tidemark tidemark = tidemark(files);
        tidemark.migrate();
        files.write("1.0.0/V2__expand__index.sql", "CREATE INDEX CONCURRENTLY t_v_idx ON t (v);");

        try (Connection report = this.database.getConnection(); Connection application = this.database.getConnection()) {
            // A report on an unrelated table: CREATE INDEX CONCURRENTLY waits for every transaction older than its
            // snapshot, on any table of the database.
            CompletableFuture<Void> query = runLongQuery(report,
                    "SELECT pg_sleep(" + LONG_QUERY.toMillis() / 1000.0 + ") FROM report_source");
            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(tidemark::migrate);
            awaitWaiting("virtualxid");
            // Reads and writes of the table go on while the index build waits.
            assertQuickly(application, "UPDATE t SET v = v + 1 WHERE id = 1");
            assertThat(migration.get(60, TimeUnit.SECONDS).appliedCount()).isEqualTo(1);
            query.get(30, TimeUnit.SECONDS);
        }
        assertThat(this.lockTimeouts).as("lock waits cut short").isEmpty();
        assertThat(this.attempts).containsExactly(1, 1);
        assertThat(Sql.column(this.database, "SELECT c.relname || ' ' || i.indisvalid FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 't'::regclass ORDER BY 1"))
            .containsExactly("t_pkey true", "t_v_idx true");
    }

    @Test
    void validateConstraintWaitsForAMaintenanceTransactionAndCompletesInOneAttempt(@TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__table.sql", "CREATE TABLE t (id int PRIMARY KEY, v int);\n"
                + "INSERT INTO t SELECT g, g FROM generate_series(1, 20000) g;\n"
                + "ALTER TABLE t ADD CONSTRAINT t_v_positive CHECK (v > 0) NOT VALID;");
        Tidemark tidemark = tidemark(files);
        tidemark.migrate();
        files.write("1.0.0/V2__expand__validate.sql", "ALTER TABLE t VALIDATE CONSTRAINT t_v_positive;");

        try (Connection maintenance = this.database.getConnection();
                Connection application = this.database.getConnection()) {
            // VALIDATE waits for no snapshot; what it can wait for is a lock that conflicts with its SHARE UPDATE
            // EXCLUSIVE, here a maintenance job's ANALYZE, whose transaction holds that lock until it ends.
            maintenance.setAutoCommit(false);
            execute(maintenance, "ANALYZE t");
            CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(LONG_QUERY.toMillis());
                    maintenance.commit();
                }
                catch (SQLException | InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(tidemark::migrate);
            awaitWaiting("relation");
            assertQuickly(application, "UPDATE t SET v = v + 1 WHERE id = 1");
            assertThat(migration.get(60, TimeUnit.SECONDS).appliedCount()).isEqualTo(1);
            job.get(30, TimeUnit.SECONDS);
        }
        assertThat(this.lockTimeouts).as("lock waits cut short").isEmpty();
        assertThat(this.attempts).containsExactly(1, 1);
        assertThat(Sql.single(this.database, "SELECT convalidated FROM pg_constraint WHERE conname = 't_v_positive'"))
            .isEqualTo(true);
    }

    private Tidemark tidemark(MigrationFiles files) {
        MigrationListener listener = new MigrationListener() {
            @Override
            public void statementLockTimedOut(MigrationInfo migration, Duration waited, int blockedSessions,
                    boolean byWatchdog) {
                ConcurrentLockWaitTests.this.lockTimeouts.add(waited);
            }

            @Override
            public void migrationSucceeded(MigrationInfo migration, Duration took, int attemptsMade) {
                ConcurrentLockWaitTests.this.attempts.add(attemptsMade);
            }
        };
        // Write-blocking statements would give up after 50 ms, 100 ms, 200 ms.
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(files.location()).initialLockTimeout(Duration.ofMillis(50)).lockTimeout(Duration.ofMillis(200))
            .lockRetryBackoff(Duration.ofMillis(50)).listener(listener).build());
    }

    private CompletableFuture<Void> runLongQuery(Connection connection, String sql) {
        CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
            try {
                execute(connection, sql);
            }
            catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        });
        await("the long query runs").atMost(Duration.ofSeconds(10)).until(() -> Sql.count(this.database,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
                        + "AND query LIKE 'SELECT pg_sleep%'") == 1);
        return query;
    }

    /** Until the migration's statement waits for a lock of that type (other test classes share the server). */
    private void awaitWaiting(String lockType) {
        await("the migration waits").atMost(Duration.ofSeconds(10)).until(() -> Sql.count(this.database,
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                        + "WHERE a.datname = current_database() AND NOT l.granted AND l.locktype = '" + lockType + "' "
                        + "AND (a.query LIKE 'CREATE INDEX%' OR a.query LIKE 'ALTER TABLE%')") == 1);
    }

    private static void assertQuickly(Connection connection, String sql) throws SQLException {
        long start = System.nanoTime();
        execute(connection, sql);
        // Generous for a busy machine; blocked, it would take the rest of the long wait.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

}
