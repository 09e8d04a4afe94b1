package dev.tidemark.migration;

import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
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
 * A Flyway history that Tidemark cannot take over row by row is refused with the repair in the message,
 * before anything is written: a failed migration, and a migration applied out of version order. The
 * repair the out-of-order message offers (a baseline) works.
 */
@WithPostgres
class FlywayHistoryRefusalTests {

    private final TestDatabase database;

    private MigrationFiles files;

    FlywayHistoryRefusalTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startEmpty(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
        this.files.write("V1__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text);");
    }

    @Test
    void aFailedFlywayMigrationIsRefusedWithHowToRepairIt() {
        // Outside a transaction (CREATE INDEX CONCURRENTLY), Flyway keeps a failed row for the half-done migration.
        this.files.write("V2__index_names.sql", "CREATE INDEX CONCURRENTLY customers_name ON customers (name);\n"
                + "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer_id);\n");
        assertThatExceptionOfType(FlywayException.class).isThrownBy(() -> flyway(false).migrate());
        assertThat(Sql.column(this.database, "SELECT version || ' ' || success FROM flyway_schema_history "
                + "ORDER BY installed_rank")).containsExactly("1 true", "2 false");

        assertThatExceptionOfType(TidemarkException.class).isThrownBy(() -> tidemark().migrate())
            .satisfies((ex) -> {
                assertThat(ex.errorCode()).isEqualTo(ErrorCode.ADOPTION_REFUSED);
                assertThat(ex.getMessage()).contains("V2 \"index names\"", "as failed", "flyway repair",
                        "Nothing was changed");
            });
        assertThat(Sql.tables(this.database)).doesNotContain("tidemark_history");
    }

    @Test
    void anOutOfOrderFlywayHistoryIsRefusedAndABaselineRepairsIt() {
        this.files.write("V3__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
        flyway(false).migrate();
        this.files.write("V2__add_email.sql", "ALTER TABLE customers ADD COLUMN email text;");
        flyway(true).migrate();
        assertThat(Sql.column(this.database, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
            .containsExactly("1", "3", "2");

        assertThatExceptionOfType(TidemarkException.class).isThrownBy(() -> tidemark().migrate())
            .satisfies((ex) -> {
                assertThat(ex.errorCode()).isEqualTo(ErrorCode.ADOPTION_REFUSED);
                assertThat(ex.getMessage()).contains("applied V2 \"add email\"", "after V3", "out of order",
                        "tidemark.baseline-version", "Nothing was changed");
            });
        assertThat(Sql.tables(this.database)).doesNotContain("tidemark_history");

        this.files.write("2.0.0/V4__expand__add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;");
        MigrateResult repaired = new Tidemark(configuration().baselineVersion("3").build()).migrate();

        assertThat(repaired.applied()).extracting(MigrationInfo::label).containsExactly("V4 expand \"add phone\"");
        assertThat(Sql.column(this.database, "SELECT version || ' ' || outcome FROM tidemark_history "
                + "ORDER BY installed_rank")).containsExactly("3 BASELINE", "4 SUCCESS");
    }

    private Flyway flyway(boolean outOfOrder) {
        // Flyway's default transaction-scoped lock makes CREATE INDEX CONCURRENTLY wait for Flyway itself, forever.
        FluentConfiguration configuration = Flyway.configure().dataSource(this.database)
            .locations(this.files.location()).outOfOrder(outOfOrder);
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration.load();
    }

    private TidemarkConfiguration.Builder configuration() {
        return TidemarkConfiguration.builder().dataSource(this.database).codeVersion("2.0.0")
            .locations(this.files.location()).host("test-host");
    }

    private Tidemark tidemark() {
        return new Tidemark(configuration().build());
    }

}
