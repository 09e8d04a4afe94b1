package dev.tidemark.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * An instance that loses the migration lock (its lock session terminated, or ended by the server) stops
 * at once with {@link ErrorCode#LOCK_LOST} and records no success, and the instance that takes the lock
 * over never runs the same statements next to it; the server's own idle timeout does not end the lock.
 */
@WithPostgres
class LockLossTests {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static final String LOCK_HOLDER = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private final TestDatabase database;

    private MigrationFiles files;

    LockLossTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
    }

    @Test
    void aTerminatedLockSessionStopsATransactionalMigrationBeforeItsNextStatementAndNothingIsRecorded() throws Exception {
        this.files.write("1.0.0/V1__expand__slow.sql", "CREATE TABLE a (id int);\nSELECT pg_sleep(2);\nCREATE TABLE b (id int);");
        CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(() -> tidemark().migrate());
        await("the slow statement runs").atMost(BOUND).until(() -> Sql.count(this.database, "SELECT count(*) FROM "
                + "pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(2)%'") == 1);
        Sql.execute(this.database, "SELECT pg_terminate_backend(pid) FROM (" + LOCK_HOLDER + ") holder");

        TidemarkException lost = failure(first);
        assertThat(lost.errorCode()).isEqualTo(ErrorCode.LOCK_LOST);
        assertThat(lost.getMessage()).contains("The migration lock on", "was lost");
        assertThat(Sql.tables(this.database)).containsExactly("tidemark_history");
        assertThat(Sql.count(this.database, "SELECT count(*) FROM tidemark_history")).isZero();

        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
        assertThat(Sql.column(this.database, "SELECT outcome FROM tidemark_history")).containsExactly("SUCCESS");
    }

    @Test
    void theInstanceThatTakesTheLockOverWaitsForAStatementStillRunningOnTheSessionThatLostIt() throws Exception {
        Sql.execute(this.database, "CREATE TABLE t1 (id int PRIMARY KEY, v int); CREATE TABLE t2 (id int PRIMARY KEY, v int)");
        this.files.write("1.0.0/V1__expand__indexes.sql", """
                -- tidemark:lock-timeout 1h
                CREATE INDEX CONCURRENTLY t1_v ON t1 (v);
                CREATE INDEX CONCURRENTLY t2_v ON t2 (v);
                """);
        try (Connection snapshot = this.database.getConnection()) {
            // An old snapshot keeps the first build waiting, with its index in the catalog.
            snapshot.setAutoCommit(false);
            try (Statement statement = snapshot.createStatement()) {
                statement.execute("SELECT count(*) FROM t2");
            }
            CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(() -> tidemark().migrate());
            await("the first build waits").atMost(BOUND).until(() -> Sql.count(this.database, "SELECT count(*) FROM "
                    + "pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                    + "AND query LIKE 'CREATE INDEX CONCURRENTLY t1_v%'") == 1);
            Sql.execute(this.database, "SELECT pg_terminate_backend(pid) FROM (" + LOCK_HOLDER + ") holder");

            CompletableFuture<MigrateResult> second = CompletableFuture.supplyAsync(() -> tidemark().migrate());
            await("the second instance holds the lock").atMost(BOUND)
                .until(() -> Sql.count(this.database, "SELECT count(*) FROM (" + LOCK_HOLDER + ") holder") == 1);
            Thread.sleep(1_000);
            assertThat(second).as("the second instance waits for the build of the first").isNotDone();
            assertThat(Sql.count(this.database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND query LIKE 'CREATE INDEX CONCURRENTLY%'")).as("one build at a time").isEqualTo(1);
            snapshot.commit();

            assertThat(failure(first).errorCode()).isEqualTo(ErrorCode.LOCK_LOST);
            assertThat(second.get(BOUND.toSeconds(), TimeUnit.SECONDS).appliedCount()).isEqualTo(1);
        }
        assertThat(Sql.column(this.database, "SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c "
                + "ON c.oid = i.indexrelid WHERE i.indrelid IN ('t1'::regclass, 't2'::regclass) AND NOT i.indisprimary "
                + "ORDER BY 1")).containsExactly("t1_v true", "t2_v true");
        assertThat(Sql.column(this.database, "SELECT outcome FROM tidemark_history")).containsExactly("SUCCESS");
    }

    @Test
    void aServerIdleSessionTimeoutDoesNotEndTheLockOfALongRun() {
        this.files.write("1.0.0/V1__expand__slow.sql", "SELECT pg_sleep(1.5);");
        this.files.write("1.0.0/V2__expand__slower.sql", "SELECT pg_sleep(1.5);");
        Sql.execute(this.database, "ALTER DATABASE " + this.database.name() + " SET idle_session_timeout = '1s'");
        try {
            assertThat(tidemark().migrate().appliedCount()).isEqualTo(2);
        }
        finally {
            Sql.execute(this.database, "ALTER DATABASE " + this.database.name() + " RESET idle_session_timeout");
        }
        assertThat(Sql.column(this.database, "SELECT outcome FROM tidemark_history")).containsExactly("SUCCESS", "SUCCESS");
    }

    private static TidemarkException failure(CompletableFuture<MigrateResult> run) throws Exception {
        ExecutionException thrown = catchThrowableOfType(ExecutionException.class,
                () -> run.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        assertThat(thrown).as("the run failed").isNotNull();
        assertThat(thrown.getCause()).isInstanceOf(TidemarkException.class);
        return (TidemarkException) thrown.getCause();
    }

    private Tidemark tidemark() {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).lockPollInterval(Duration.ofMillis(100)).build());
    }

}
