package dev.tidemark.migration;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A process killed with {@code kill -9} in the middle of a non-transactional migration, before, during and
 * between its statements: the next start continues after the statements known to be complete, checks the
 * one that ran when the process died, and never leaves a duplicate or an INVALID index; where it cannot
 * tell, it refuses and says what to look at. The migrating process is a child JVM killed with
 * {@link Process#destroyForcibly()}; sessions play the long transactions that hold it at the chosen point.
 */
@WithPostgres
class InterruptedMigrationTests {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static final String BOTH_INDEXES = """
            -- tidemark:lock-timeout 1h
            CREATE INDEX CONCURRENTLY t1_v ON t1 (v);
            CREATE INDEX CONCURRENTLY t2_v ON t2 (v);
            """;

    private final TestDatabase database;

    private MigrationFiles files;

    private Path dir;

    private Connection blocker;

    private Process child;

    InterruptedMigrationTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void createTwoTables(@TempDir Path dir) throws Exception {
        this.database.resetSchema();
        this.dir = dir;
        this.files = new MigrationFiles(dir.resolve("sql"));
        Sql.execute(this.database, "CREATE TABLE t1 (id int PRIMARY KEY, v int); CREATE TABLE t2 (id int PRIMARY KEY, v int);"
                + "INSERT INTO t1 SELECT g, g FROM generate_series(1, 1000) g; INSERT INTO t2 SELECT g, g FROM generate_series(1, 1000) g");
        this.blocker = this.database.getConnection();
        this.blocker.setAutoCommit(false);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (this.child != null) {
            this.child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        this.blocker.close();
    }

    @Test
    void killedBeforeItsFirstStatementRanTheNextStartRunsEverything() throws Exception {
        this.files.write("1.0.0/V1__expand__indexes.sql", BOTH_INDEXES);
        hold("LOCK TABLE t1 IN SHARE MODE");
        startChild();
        awaitWaitingStatement("CREATE INDEX CONCURRENTLY t1_v%");
        assertThat(progress()).isEqualTo("RUNNING 0");
        kill();
        // The killed process's session still waits for its lock; end it, so that the statement never ran.
        terminate("CREATE INDEX CONCURRENTLY t1_v%");
        assertThat(stateOfV1()).isEqualTo(MigrationState.INTERRUPTED);
        assertThat(tidemark().info().get(0).progress()).startsWith("interrupted after 0 of 2 completed statement(s)");
        this.blocker.commit();

        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
        assertBothIndexesValidOnce();
    }

    @Test
    void killedWhileAnIndexWasBuiltTheNextStartWaitsForTheBuildAndSeesThatItCompleted() throws Exception {
        this.files.write("1.0.0/V1__expand__indexes.sql", BOTH_INDEXES);
        // An old snapshot: the build of t1_v enters the catalog, then waits for it to end.
        hold("SELECT count(*) FROM t2");
        startChild();
        awaitWaitingStatement("CREATE INDEX CONCURRENTLY t1_v%");
        await("the index entered the catalog").atMost(BOUND)
            .until(() -> Sql.count(this.database, "SELECT count(*) FROM pg_class WHERE relname = 't1_v'") == 1);
        kill();
        // The killed process's build goes on in its session: the migration is still running.
        assertThat(stateOfV1()).isEqualTo(MigrationState.RUNNING);

        CompletableFuture<MigrateResult> restart = CompletableFuture.supplyAsync(() -> tidemark().migrate());
        Thread.sleep(1000);
        assertThat(restart).as("waits for the build still running in the killed process's session").isNotDone();
        this.blocker.commit();

        assertThat(restart.get(BOUND.toSeconds(), TimeUnit.SECONDS).appliedCount()).isEqualTo(1);
        assertBothIndexesValidOnce();
    }

    @Test
    void killedWhileAnIndexWasBuiltAndItsSessionEndedTheInvalidIndexIsBuiltAgain() throws Exception {
        this.files.write("1.0.0/V1__expand__indexes.sql", BOTH_INDEXES);
        hold("SELECT count(*) FROM t2");
        startChild();
        awaitWaitingStatement("CREATE INDEX CONCURRENTLY t1_v%");
        await("the index entered the catalog").atMost(BOUND)
            .until(() -> Sql.count(this.database, "SELECT count(*) FROM pg_class WHERE relname = 't1_v'") == 1);
        kill();
        terminate("CREATE INDEX CONCURRENTLY t1_v%");
        this.blocker.commit();
        assertThat(Sql.single(this.database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't1_v'::regclass"))
            .isEqualTo(false);

        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
        assertBothIndexesValidOnce();
    }

    @Test
    void killedBetweenTwoStatementsTheNextStartContinuesWithTheSecond() throws Exception {
        this.files.write("1.0.0/V1__expand__indexes.sql", BOTH_INDEXES);
        hold("LOCK TABLE t2 IN SHARE MODE");
        startChild();
        awaitWaitingStatement("CREATE INDEX CONCURRENTLY t2_v%");
        assertThat(progress()).isEqualTo("RUNNING 1");
        kill();
        terminate("CREATE INDEX CONCURRENTLY t2_v%");
        this.blocker.commit();
        assertThat(tidemark().info().get(0).progress()).startsWith("interrupted after 1 of 2 completed statement(s)");

        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
        assertBothIndexesValidOnce();
    }

    @Test
    void killedWhileBuildingAnIndexWithoutANameTheNextStartRefusesAndSaysWhatToCheck() throws Exception {
        this.files.write("1.0.0/V1__expand__indexes.sql", """
                -- tidemark:lock-timeout 1h
                CREATE INDEX CONCURRENTLY ON t1 (v);
                CREATE INDEX CONCURRENTLY t2_v ON t2 (v);
                """);
        hold("SELECT count(*) FROM t2");
        startChild();
        awaitWaitingStatement("CREATE INDEX CONCURRENTLY ON t1%");
        await("the index entered the catalog").atMost(BOUND)
            .until(() -> Sql.count(this.database, "SELECT count(*) FROM pg_class WHERE relname = 't1_v_idx'") == 1);
        kill();
        terminate("CREATE INDEX CONCURRENTLY ON t1%");
        this.blocker.commit();

        assertThatExceptionOfType(InterruptedMigrationException.class).isThrownBy(tidemark()::migrate)
            .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.MIGRATION_INTERRUPTED))
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
            .withMessageContaining("V1 expand \"indexes\" was interrupted")
            .withMessageContaining("statement 1 at 1.0.0/V1__expand__indexes.sql line 2 ran: CREATE INDEX CONCURRENTLY ON t1 (v)")
            .withMessageContaining("The table's INVALID indexes now: \"public\".\"t1_v_idx\"")
            .withMessageContaining("DROP INDEX CONCURRENTLY <name>");
        assertThat(stateOfV1()).isEqualTo(MigrationState.INTERRUPTED);

        // The repair the message asks for: drop what it left and name the index.
        Sql.execute(this.database, "DROP INDEX CONCURRENTLY t1_v_idx");
        this.files.write("1.0.0/V1__expand__indexes.sql", BOTH_INDEXES);
        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
        assertBothIndexesValidOnce();
    }

    private void hold(String sql) throws Exception {
        try (Statement statement = this.blocker.createStatement()) {
            statement.execute(sql);
        }
    }

    private void startChild() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        this.child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MigrateProcess.class.getName(),
                this.database.jdbcUrl(), this.database.user(), this.database.password(), this.files.location())
            .redirectErrorStream(true)
            .redirectOutput(this.dir.resolve("child.log").toFile())
            .start();
    }

    private void kill() throws Exception {
        this.child.destroyForcibly();
        assertThat(this.child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        // Its idle lock session notices the closed socket and ends, releasing the migration lock.
        await("the killed process's lock session ended").atMost(BOUND).until(() -> Sql.count(this.database,
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                        + "(SELECT oid FROM pg_database WHERE datname = current_database())") == 0);
    }

    private void awaitWaitingStatement(String queryPattern) {
        await("a statement like " + queryPattern + " waits").atMost(BOUND).until(() -> Sql.count(this.database,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                        + "AND query LIKE '" + queryPattern + "'") == 1);
    }

    private void terminate(String queryPattern) {
        Sql.execute(this.database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND query LIKE '" + queryPattern + "'");
        await("the session ended").atMost(BOUND).until(() -> Sql.count(this.database, "SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND query LIKE '" + queryPattern + "'") == 0);
    }

    private String progress() {
        return Sql.column(this.database, "SELECT outcome || ' ' || statements_applied FROM tidemark_history").get(0);
    }

    private MigrationState stateOfV1() {
        return tidemark().info().get(0).state();
    }

    private void assertBothIndexesValidOnce() {
        assertThat(Sql.column(this.database, "SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c "
                + "ON c.oid = i.indexrelid WHERE i.indrelid IN ('t1'::regclass, 't2'::regclass) AND NOT i.indisprimary ORDER BY 1")).containsExactly("t1_v true", "t2_v true");
        assertThat(Sql.column(this.database, "SELECT outcome FROM tidemark_history")).containsExactly("SUCCESS");
        assertThat(tidemark().info()).extracting(MigrationInfo::state).containsExactly(MigrationState.APPLIED);
    }

    private Tidemark tidemark() {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).lockPollInterval(Duration.ofMillis(100)).build());
    }

}
