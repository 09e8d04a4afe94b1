package dev.tidemark.migration;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A database no tool managed is taken over with a baseline: its existing tables stay as they are, the
 * migrations up to the baseline count as applied without running, and only the newer ones run. A baseline
 * is refused where Tidemark already keeps a history.
 */
@WithPostgres
class BaselineTests {

    private final TestDatabase database;

    private MigrationFiles files;

    BaselineTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void existingSchemaAndItsMigrations(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
        // The files describe the schema as it already is; running them again would fail on the existing tables.
        this.files.write("1.0.0/V1__expand__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text);");
        this.files.write("1.0.0/V2__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
        this.files.write("2.0.0/V3__expand__add_email.sql", "ALTER TABLE customers ADD COLUMN email text;");
    }

    @Test
    void baselineVersionTakesOverASchemaWithTablesAndRunsOnlyWhatIsNewer() {
        createTheExistingTables();

        MigrateResult result = new Tidemark(configuration().baselineVersion("2").build()).expand();

        assertThat(result.applied()).extracting(MigrationInfo::label).containsExactly("V3 expand \"add email\"");
        assertThat(Sql.column(this.database, "SELECT version || ' ' || outcome FROM tidemark_history "
                + "ORDER BY installed_rank")).containsExactly("2 BASELINE", "3 SUCCESS");
        assertThat(Sql.count(this.database, "SELECT count(*) FROM customers")).isEqualTo(1);
        assertThat(new Tidemark(configuration().baselineVersion("2").build()).info())
            .extracting(MigrationInfo::state).containsOnly(MigrationState.APPLIED);
        assertThat(new Tidemark(configuration().baselineVersion("2").build()).expand().applied()).isEmpty();
    }

    @Test
    void baselineThroughTheApiIsRefusedWhereTidemarkKeepsAHistory() {
        createTheExistingTables();
        Tidemark tidemark = new Tidemark(configuration().build());
        tidemark.baseline("2");
        assertThat(tidemark.migrate().applied()).extracting(MigrationInfo::label).containsExactly("V3 expand \"add email\"");

        assertThatExceptionOfType(TidemarkException.class).isThrownBy(() -> tidemark.baseline("3"))
            .satisfies((ex) -> {
                assertThat(ex.errorCode()).isEqualTo(ErrorCode.ADOPTION_REFUSED);
                assertThat(ex.getMessage()).contains("already holds 2 row(s)", "Nothing was changed");
            });
        assertThat(Sql.count(this.database, "SELECT count(*) FROM tidemark_history")).isEqualTo(2);
    }

    @Test
    void aBaselineVersionThatContradictsTheRecordedBaselineIsRefused() {
        createTheExistingTables();
        new Tidemark(configuration().baselineVersion("2").build()).expand();

        assertThatExceptionOfType(TidemarkException.class)
            .isThrownBy(() -> new Tidemark(configuration().baselineVersion("1").build()).expand())
            .satisfies((ex) -> assertThat(ex.getMessage()).contains("baseline at V2", "says 1"));
    }

    @Test
    void anEmptySchemaIgnoresTheBaselineAndRunsEverything() {
        MigrateResult result = new Tidemark(configuration().baselineVersion("2").build()).expand();

        assertThat(result.applied()).hasSize(3);
        assertThat(Sql.count(this.database, "SELECT count(*) FROM tidemark_history WHERE outcome = 'BASELINE'")).isZero();
        assertThat(new Tidemark(configuration().baselineVersion("2").build()).expand().applied()).isEmpty();
    }

    private void createTheExistingTables() {
        Sql.execute(this.database, "CREATE TABLE customers (id bigint PRIMARY KEY, name text); "
                + "CREATE TABLE orders (id bigint PRIMARY KEY); INSERT INTO customers VALUES (1, 'existing')");
    }

    private TidemarkConfiguration.Builder configuration() {
        return TidemarkConfiguration.builder().dataSource(this.database).codeVersion("2.0.0")
            .locations(this.files.location()).host("test-host");
    }

}
