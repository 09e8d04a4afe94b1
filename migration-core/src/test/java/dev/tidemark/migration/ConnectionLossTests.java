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
 * When the server cuts the migration's connection mid-statement, the error a person reads is the real one
 * (PostgreSQL's, with its SQL state, the file and the line), not whatever the cleanup on the dead connection
 * failed with afterwards; and the next run finishes the migration.
 */
@WithPostgres
class ConnectionLossTests {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final TestDatabase database;

    private MigrationFiles files;

    ConnectionLossTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
    }

    @Test
    void aConnectionCutInATransactionalMigrationReportsTheTerminationAtItsLine() throws Exception {
        this.files.write("1.0.0/V1__expand__slow.sql", "CREATE TABLE a (id int);\nSELECT pg_sleep(5);");
        CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(() -> tidemark().migrate());
        terminateWhenRunning("SELECT pg_sleep(5)%");

        StatementFailedException failure = failure(run);
        assertThat(failure.sqlState()).isEqualTo("57P01");
        assertThat(failure.line()).isEqualTo(2);
        assertThat(failure.getMessage()).contains("V1 expand \"slow\" failed at 1.0.0/V1__expand__slow.sql line 2",
                "terminating connection due to administrator command", "The migration was rolled back")
            .doesNotContain("Could not record");
        assertThat(Sql.tables(this.database)).containsExactly("tidemark_history");

        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
    }

    @Test
    void aConnectionCutDuringAnIndexBuildReportsTheTerminationAndTheNextRunBuildsTheIndex() throws Exception {
        Sql.execute(this.database, "CREATE TABLE t (id int PRIMARY KEY, v int)");
        this.files.write("1.0.0/V1__expand__index.sql", "-- tidemark:lock-timeout 1h\nCREATE INDEX CONCURRENTLY t_v ON t (v);");
        try (Connection snapshot = this.database.getConnection()) {
            snapshot.setAutoCommit(false);
            try (Statement statement = snapshot.createStatement()) {
                statement.execute("SELECT count(*) FROM t");
            }
            CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(() -> tidemark().migrate());
            terminateWhenRunning("CREATE INDEX CONCURRENTLY t_v%");

            StatementFailedException failure = failure(run);
            assertThat(failure.sqlState()).isEqualTo("57P01");
            assertThat(failure.line()).isEqualTo(2);
            assertThat(failure.getMessage()).contains("terminating connection due to administrator command",
                    "the next run continues with this statement");
            snapshot.commit();
        }
        assertThat(tidemark().info()).extracting(MigrationInfo::state).containsExactly(MigrationState.INTERRUPTED);

        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
        assertThat(Sql.single(this.database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v'::regclass"))
            .isEqualTo(true);
        assertThat(Sql.column(this.database, "SELECT outcome FROM tidemark_history")).containsExactly("SUCCESS");
    }

    private void terminateWhenRunning(String queryPattern) {
        String running = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '"
                + queryPattern + "'";
        await("a statement like " + queryPattern + " runs").atMost(BOUND)
            .until(() -> Sql.count(this.database, "SELECT count(*) FROM (" + running + ") s") == 1);
        Sql.execute(this.database, "SELECT pg_terminate_backend(pid) FROM (" + running + ") s");
    }

    private static StatementFailedException failure(CompletableFuture<MigrateResult> run) throws Exception {
        ExecutionException thrown = catchThrowableOfType(ExecutionException.class,
                () -> run.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        assertThat(thrown).as("the run failed").isNotNull();
        assertThat(thrown.getCause()).isInstanceOf(StatementFailedException.class);
        return (StatementFailedException) thrown.getCause();
    }

    private Tidemark tidemark() {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).build());
    }

}
