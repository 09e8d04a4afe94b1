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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@WithPostgres
class TidemarkLintTests {

    private static final String CREATE_ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, total integer);\n"
            + "INSERT INTO orders VALUES (1, 10), (2, 20);\n";

    @BeforeEach
    void emptyDatabase(TestDatabase database) {
        database.resetSchema();
    }

    @Test
    void assertNoErrorsFailsWithEveryFindingItsFileLineAndSafeAlternative(@TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__orders.sql", CREATE_ORDERS);
        files.write("1.0.0/V2__expand__index.sql", "-- speeds up the report\nCREATE INDEX orders_total_idx ON orders (total);");
        LintReport report = TidemarkLint.offline(files.location()).lint();
        assertThat(report.linted()).isEqualTo(2);
        AssertionError failure = catchThrowableOfType(AssertionError.class, report::assertNoErrors);
        assertThat(failure).hasMessageContaining("Tidemark lint: 2 migration(s), 1 error(s), 0 warning(s)")
            .hasMessageContaining("ERROR index-not-concurrent: 1.0.0/V2__expand__index.sql line 2")
            .hasMessageContaining("CREATE INDEX orders_total_idx ON orders (total)")
            .hasMessageContaining("CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);");
    }

    @Test
    void againstADatabaseOnlyPendingMigrationsAreJudgedWithTheSchemaFromTheCatalog(TestDatabase database,
            @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        // An old unsafe migration, applied long ago (with the linter off): history never counts against a start.
        files.write("1.0.0/V1__expand__orders.sql", CREATE_ORDERS + "CREATE INDEX orders_total_idx ON orders (total);");
        TidemarkConfiguration.Builder builder = TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .locations(files.location());
        new Tidemark(builder.lintMode(LintMode.OFF).build()).migrate();
        files.write("1.0.0/V2__expand__token.sql", "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();");
        LintReport report = TidemarkLint.of(builder.lintMode(LintMode.FAIL).build()).lint();
        assertThat(report.linted()).isEqualTo(1);
        assertThat(report.findings()).extracting(LintFinding::rule, LintFinding::script, LintFinding::line)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("volatile-default", "1.0.0/V2__expand__token.sql", 1));
    }

    @Test
    void aRunStopsBeforeApplyingAnythingWhenAPendingMigrationHasAnError(TestDatabase database, @TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__orders.sql", CREATE_ORDERS);
        files.write("1.0.0/V2__expand__drop.sql", "ALTER TABLE orders DROP COLUMN total;");
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .locations(files.location()).build());
        LintFailedException failure = catchThrowableOfType(LintFailedException.class, tidemark::expand);
        assertThat(failure.errorCode()).isEqualTo(ErrorCode.LINT_FAILED);
        assertThat(failure.errors()).extracting(LintFinding::rule)
            .containsExactlyInAnyOrder("drop-column", "phase-destructive-in-expand");
        assertThat(failure).hasMessageContaining("1.0.0/V2__expand__drop.sql line 1")
            .hasMessageContaining("-- tidemark:allow <rule-id> <reason>");
        assertThat(Sql.tables(database)).doesNotContain("orders");
    }

    @Test
    void warnModeLogsAndApplies(TestDatabase database, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__orders.sql", CREATE_ORDERS);
        files.write("1.0.0/V2__expand__drop.sql", "ALTER TABLE orders DROP COLUMN total;");
        new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0").locations(files.location())
            .lintMode(LintMode.WARN).build()).expand();
        assertThat(Sql.appliedVersions(database)).containsExactly("1", "2");
    }

    @Test
    void theTracerReportsLocksAndRewritesOfPendingMigrationsAndLeavesTheDatabaseAsItWas(TestDatabase database,
            @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__orders.sql", CREATE_ORDERS);
        TidemarkConfiguration.Builder builder = TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .locations(files.location());
        new Tidemark(builder.build()).migrate();
        files.write("1.0.0/V2__expand__widen.sql", "ALTER TABLE orders ALTER COLUMN total TYPE bigint;");
        files.write("1.0.0/V3__expand__index.sql", "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);");
        LockTrace trace = TidemarkLint.of(builder.build()).trace();
        assertThat(trace.rewrites()).extracting(TracedStatement::script, TracedStatement::line)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("1.0.0/V2__expand__widen.sql", 1));
        assertThat(trace.at("1.0.0/V2__expand__widen.sql", 1).orElseThrow().locks())
            .containsEntry("public.orders", LockLevel.ACCESS_EXCLUSIVE);
        assertThat(trace.at("1.0.0/V3__expand__index.sql", 1).orElseThrow().outcome())
            .isEqualTo(TracedStatement.Outcome.NOT_RUN);
        assertThat(trace.describe()).contains("V2__expand__widen.sql line 1: locks public.orders (ACCESS EXCLUSIVE)");
        // Rolled back: the column is still an integer and nothing new was recorded.
        assertThat(Sql.single(database, "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' "
                + "AND column_name = 'total'")).isEqualTo("integer");
        assertThat(Sql.appliedVersions(database)).containsExactly("1");
    }

    @Test
    void anOfflineLinterCannotTrace(@TempDir Path dir) {
        assertThatIllegalStateException().isThrownBy(() -> TidemarkLint.offline("filesystem:" + dir).trace())
            .withMessageContaining("TidemarkLint.of(configuration)");
    }

    @Test
    void anAllowWithoutAReasonIsAnInvalidMigrationNamingItsLine(@TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__orders.sql", CREATE_ORDERS + "-- tidemark:allow index-not-concurrent\n"
                + "CREATE INDEX orders_total_idx ON orders (total);");
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> TidemarkLint.offline(files.location()).lint())
            .withMessageContaining("Migration 1.0.0/V1__expand__orders.sql (line 3)")
            .withMessageContaining("needs a rule id and a reason");
    }

    @Test
    void severitiesAndStartAfterComeFromTheSettings(@TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__orders.sql", CREATE_ORDERS + "CREATE INDEX orders_total_idx ON orders (total);");
        files.write("1.0.0/V2__expand__meta.sql", "ALTER TABLE orders ADD COLUMN meta json;");
        SourceSettings sources = TidemarkConfiguration.builder().dataSource(new org.postgresql.ds.PGSimpleDataSource())
            .codeVersion("1.0.0").locations(files.location()).build().sources();
        LintReport report = TidemarkLint.offline(sources, new LintSettings(LintMode.FAIL,
                java.util.Map.of("json-type", LintSeverity.ERROR), 0, Version.parse("1"))).lint();
        assertThat(report.linted()).isEqualTo(1);
        assertThat(report.errors()).extracting(LintFinding::rule).containsExactly("json-type");
        assertThatExceptionOfType(InvalidConfigurationException.class)
            .isThrownBy(() -> new LintSettings(LintMode.FAIL, java.util.Map.of("no-such-rule", LintSeverity.OFF), 0, null))
            .withMessageContaining("unknown rule 'no-such-rule'");
    }

}
