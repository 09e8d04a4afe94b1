package dev.tidemark.migration;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A failing statement leaves nothing of a transactional migration behind, names the file, line and SQL
 * state, and the next run retries it; a non-transactional migration resumes at the failed statement.
 */
@WithPostgres
class FailedMigrationTests {

    private final TestDatabase database;

    private MigrationFiles files;

    FailedMigrationTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
        this.files.write("1.0.0/V1__expand__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);");
    }

    @Test
    void failingStatementRollsBackTheWholeMigrationAndNamesFileLineAndSqlState() {
        this.files.write("1.0.0/V2__expand__orders.sql", """
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);
                CREATE INDEX orders_customer ON orders (customer_id);

                INSERT INTO no_such_table VALUES (1);
                CREATE TABLE never_reached (id int);
                """);
        assertThatExceptionOfType(StatementFailedException.class).isThrownBy(this::migrate)
            .satisfies((ex) -> {
                assertThat(ex.script()).isEqualTo("1.0.0/V2__expand__orders.sql");
                assertThat(ex.line()).isEqualTo(4);
                assertThat(ex.sqlState()).isEqualTo("42P01");
            })
            .withMessageContaining("1.0.0/V2__expand__orders.sql line 4")
            .withMessageContaining("SQL state 42P01")
            .withMessageContaining("no_such_table")
            .withMessageContaining("nothing of it was applied");
        assertThat(Sql.tables(this.database)).containsExactly("customers", "tidemark_history");
        assertThat(Sql.count(this.database, "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_customer'")).isZero();
        assertThat(Sql.column(this.database, "SELECT version FROM tidemark_history")).containsExactly("1");
    }

    @Test
    void fixedMigrationIsAppliedByTheNextRun() {
        this.files.write("1.0.0/V2__expand__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\nSELECT 1/0;");
        assertThatExceptionOfType(StatementFailedException.class).isThrownBy(this::migrate)
            .satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("22012"));
        this.files.write("1.0.0/V2__expand__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
        assertThat(migrate().appliedCount()).isEqualTo(1);
        assertThat(Sql.appliedVersions(this.database)).containsExactly("1", "2");
    }

    @Test
    void nonTransactionalMigrationResumesAtTheFailedStatementOnceItIsFixed() {
        this.files.write("1.0.0/V2__expand__indexes.sql", """
                CREATE INDEX CONCURRENTLY customers_id_a ON customers (id);
                CREATE INDEX CONCURRENTLY customers_id_b ON customerz (id);
                """);
        assertThatExceptionOfType(StatementFailedException.class).isThrownBy(this::migrate)
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
            .withMessageContaining("the statements before this one stay applied");
        assertThat(info("2").state()).isEqualTo(MigrationState.FAILED);
        assertThat(Sql.single(this.database, "SELECT statements_applied FROM tidemark_history WHERE outcome = 'FAILED'"))
            .isEqualTo(1);

        // Fixing the failed statement keeps the completed one untouched, so the retry continues after it.
        this.files.write("1.0.0/V2__expand__indexes.sql", """
                CREATE INDEX CONCURRENTLY customers_id_a ON customers (id);
                CREATE INDEX CONCURRENTLY customers_id_b ON customers (id);
                """);
        assertThat(migrate().appliedCount()).isEqualTo(1);
        assertThat(info("2").state()).isEqualTo(MigrationState.APPLIED);
        assertThat(Sql.count(this.database, "SELECT count(*) FROM tidemark_history WHERE outcome = 'FAILED'")).isZero();
        assertThat(Sql.count(this.database, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'customers_id_%'"))
            .isEqualTo(2);
    }

    private MigrationInfo info(String version) {
        return tidemark().info().stream().filter((info) -> info.version().equals(Version.parse(version))).findFirst()
            .orElseThrow();
    }

    private MigrateResult migrate() {
        return tidemark().migrate();
    }

    private Tidemark tidemark() {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).build());
    }

}
