package dev.tidemark.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The history table across Tidemark versions and concurrent instances: a table an earlier version created
 * is upgraded in place with its rows, a row a newer version wrote is skipped rather than misread, and the
 * schema may be created by another session at the same moment.
 */
@WithPostgres
class HistoryTableTests {

    private final TestDatabase database;

    private MigrationFiles files;

    HistoryTableTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
        this.files.write("1.0.0/V1__expand__a.sql", "CREATE TABLE a (id int);");
        this.files.write("1.0.0/V2__expand__b.sql", "CREATE TABLE b (id int);");
    }

    @Test
    void aTableOfTheFirstLayoutIsUpgradedInPlaceAndKeepsItsRows() {
        // As Tidemark 0.1 created it, with V1 applied.
        Sql.execute(this.database, "CREATE TABLE tidemark_history (installed_rank integer GENERATED ALWAYS AS IDENTITY "
                + "PRIMARY KEY, version text NOT NULL, description text NOT NULL, phase text NOT NULL CHECK (phase IN "
                + "('EXPAND', 'MIGRATE', 'CONTRACT')), release text NOT NULL, script text NOT NULL, checksum text, "
                + "installed_by text NOT NULL DEFAULT current_user, installed_on timestamptz NOT NULL DEFAULT now(), "
                + "host text NOT NULL, code_version text NOT NULL, execution_time_ms integer NOT NULL, outcome text NOT "
                + "NULL CHECK (outcome IN ('SUCCESS', 'FAILED')), statements_applied integer NOT NULL DEFAULT 0, note text);"
                + "CREATE UNIQUE INDEX tidemark_history_version_success ON tidemark_history (version) WHERE outcome = 'SUCCESS';"
                + "CREATE TABLE a (id int)");
        Tidemark tidemark = tidemark();
        String checksum = tidemark.info().get(0).checksum();
        Sql.execute(this.database, "INSERT INTO tidemark_history (version, description, phase, release, script, checksum, "
                + "host, code_version, execution_time_ms, outcome) VALUES ('1', 'a', 'EXPAND', '1.0.0', "
                + "'1.0.0/V1__expand__a.sql', '" + checksum + "', 'old-host', '1.0.0', 7, 'SUCCESS')");
        assertThat(tidemark.info()).extracting(MigrationInfo::state)
            .as("read before the upgrade").containsExactly(MigrationState.APPLIED, MigrationState.PENDING);

        assertThat(tidemark.migrate().applied()).extracting(MigrationInfo::script).containsExactly("1.0.0/V2__expand__b.sql");
        assertThat(Sql.column(this.database, "SELECT version || ' ' || outcome || ' ' || attempts || ' ' || host "
                + "FROM tidemark_history ORDER BY installed_rank")).containsExactly("1 SUCCESS 1 old-host",
                        "2 SUCCESS 1 " + tidemark.configuration().fleet().host());
        assertThat(Sql.column(this.database, "SELECT obj_description('tidemark_history'::regclass, 'pg_class')"))
            .containsExactly("Tidemark migration history, layout 2");
        assertThat(Sql.count(this.database, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'tidemark_history'::regclass "
                + "AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%outcome%'")).isZero();
    }

    @Test
    void aRowWithAnOutcomeANewerVersionWroteIsSkipped() {
        tidemark().migrate();
        Sql.execute(this.database, "UPDATE tidemark_history SET outcome = 'UNDONE' WHERE version = '2'");
        assertThat(tidemark().info()).extracting(MigrationInfo::state)
            .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
    }

    @Test
    void theSchemaMayBeCreatedByAnotherSessionAtTheSameMoment() throws Exception {
        try (Connection other = this.database.getConnection()) {
            // Another instance registering creates the schema in a transaction that is still open.
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("CREATE SCHEMA app");
            }
            CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(() -> new Tidemark(TidemarkConfiguration
                .builder().dataSource(this.database).codeVersion("1.0.0").schema("app").locations(this.files.location())
                .build()).migrate());
            await("the run waits for the other session's schema").atMost(Duration.ofSeconds(30)).until(() -> Sql.count(
                    this.database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            + "AND wait_event_type = 'Lock' AND query LIKE 'CREATE SCHEMA IF NOT EXISTS%'") == 1);
            other.commit();
            assertThat(run.get(30, TimeUnit.SECONDS).appliedCount()).isEqualTo(2);
        }
        assertThat(Sql.column(this.database, "SELECT outcome FROM app.tidemark_history")).containsExactly("SUCCESS", "SUCCESS");
    }

    private Tidemark tidemark() {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).build());
    }

}
