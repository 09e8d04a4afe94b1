package dev.tidemark.migration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
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
 * A project that Flyway 13 migrated switches to Tidemark with the same files plus new phased ones: Flyway's
 * history is imported (its checksums verified as Flyway computes them, line endings and byte-order mark
 * included), nothing is applied twice, only the new migrations run, an edited old file is caught, and a
 * placeholder value that differs is not an edit. Flyway's own table is never written.
 */
@WithPostgres
class FlywayAdoptionTests {

    private static final String CUSTOMERS = "CREATE TABLE customers (\n    id bigint PRIMARY KEY,\n    name text\n);\n"
            + "COMMENT ON TABLE customers IS 'owned by ${owner}';\n";

    private static final String ADD_EMAIL = "-- Flyway reads V1_1 as version 1.1\nALTER TABLE customers ADD COLUMN email text;\n";

    /** Windows line endings and a byte-order mark: Flyway's checksum ignores both, and so must ours. */
    private static final String ORDERS = "\uFEFFCREATE TABLE orders (\r\n    id bigint PRIMARY KEY,\r\n"
            + "    customer_id bigint REFERENCES customers\r\n);\r\n\r\n";

    private static final String VIEW = "CREATE OR REPLACE VIEW customer_names AS\n"
            + "SELECT id, name, '${owner}'::text AS owner FROM customers;\n";

    private final TestDatabase database;

    private MigrationFiles files;

    private Path dir;

    FlywayAdoptionTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void migrateWithFlyway(@TempDir Path dir) {
        this.database.resetSchema();
        this.dir = dir;
        this.files = new MigrationFiles(dir);
        this.files.write("V1__create_customers.sql", CUSTOMERS);
        this.files.write("V1_1__add_email.sql", ADD_EMAIL);
        this.files.writeBytes("V2__create_orders.sql", ORDERS.getBytes(StandardCharsets.UTF_8));
        this.files.write("R__customer_names.sql", VIEW);
        Flyway.configure().dataSource(this.database).locations(this.files.location())
            .placeholders(Map.of("owner", "alice")).load().migrate();
        assertThat(Sql.count(this.database, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(4);
    }

    @Test
    void switchingAppliesOnlyTheNewMigrationsAndLeavesFlywaysHistoryAlone() {
        List<String> flywayBefore = flywayHistory();
        this.files.write("2.0.0/V3__expand__add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;");
        this.files.write("2.0.0/V4__contract__drop_email.sql", "ALTER TABLE customers DROP COLUMN email;");

        MigrateResult result = tidemark("alice").migrate();

        assertThat(result.applied()).extracting(MigrationInfo::label)
            .containsExactly("V3 expand \"add phone\"", "V4 contract \"drop email\"");
        assertThat(Sql.column(this.database, "SELECT version || ' ' || outcome || ' ' || host FROM tidemark_history "
                + "ORDER BY installed_rank")).containsExactly("1 SUCCESS flyway", "1.1 SUCCESS flyway",
                        "2 SUCCESS flyway", "0-repeatable REPEATABLE flyway", "3 SUCCESS test-host", "4 SUCCESS test-host");
        assertThat(Sql.column(this.database, "SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = 'customers' ORDER BY ordinal_position")).containsExactly("id", "name", "phone");
        assertThat(flywayHistory()).isEqualTo(flywayBefore);
        assertThat(tidemark("alice").migrate().applied()).isEmpty();
    }

    @Test
    void everyImportedMigrationIsListedAsAppliedBeforeTheFirstRun() {
        assertThat(tidemark("alice").info()).extracting(MigrationInfo::version, MigrationInfo::state)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(Version.parse("1"), MigrationState.APPLIED),
                    org.assertj.core.groups.Tuple.tuple(Version.parse("1.1"), MigrationState.APPLIED),
                    org.assertj.core.groups.Tuple.tuple(Version.parse("2"), MigrationState.APPLIED));
        assertThat(Sql.tables(this.database)).doesNotContain("tidemark_history");
    }

    @Test
    void anOldFileEditedAfterTheSwitchIsCaughtByItsFlywayChecksum() {
        tidemark("alice").migrate();
        this.files.write("V1_1__add_email.sql", ADD_EMAIL.replace("email text", "email varchar(200)"));
        this.files.write("2.0.0/V3__expand__add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;");

        assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(() -> tidemark("alice").migrate())
            .satisfies((ex) -> assertThat(ex.getMessage()).contains("V1_1__add_email.sql"));
        assertThat(Sql.count(this.database, "SELECT count(*) FROM tidemark_history")).isEqualTo(4);
    }

    @Test
    void anOldFileEditedBeforeTheSwitchIsCaughtAndNothingIsImported() {
        this.files.write("V1__create_customers.sql", CUSTOMERS.replace("name text", "full_name text"));

        assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(() -> tidemark("alice").migrate())
            .satisfies((ex) -> assertThat(ex.getMessage()).contains("V1__create_customers.sql"));
        assertThat(Sql.tables(this.database)).doesNotContain("tidemark_history");
    }

    @Test
    void aChangedPlaceholderValueIsNotAnEditButReappliesTheRepeatableMigration() {
        tidemark("alice").migrate();

        MigrateResult result = tidemark("bob").migrate();

        // Versioned checksums cover the file as written; a repeatable one's the replaced text, as in Flyway.
        assertThat(result.applied()).extracting(MigrationInfo::label).containsExactly("R \"customer names\"");
        assertThat((String) Sql.single(this.database, "SELECT pg_get_viewdef('customer_names')")).contains("'bob'")
            .doesNotContain("alice");
        assertThat(Sql.single(this.database, "SELECT obj_description('customers'::regclass, 'pg_class')"))
            .isEqualTo("owned by alice");
        assertThat(tidemark("bob").migrate().applied()).isEmpty();
    }

    @Test
    void anEditedRepeatableMigrationIsAppliedAgainAfterTheVersionedOnes() {
        tidemark("alice").migrate();
        // CREATE OR REPLACE VIEW may only add columns at the end.
        this.files.write("R__customer_names.sql", VIEW.replace("AS owner FROM", "AS owner, email FROM"));
        this.files.write("2.0.0/V3__expand__add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;");

        assertThat(tidemark("alice").migrate().applied()).extracting(MigrationInfo::label)
            .containsExactly("V3 expand \"add phone\"", "R \"customer names\"");
        assertThat(Sql.column(this.database, "SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = 'customer_names' ORDER BY ordinal_position")).contains("email");
    }

    private List<String> flywayHistory() {
        return Sql.column(this.database, "SELECT installed_rank || ' ' || coalesce(version, 'R') || ' ' || checksum "
                + "|| ' ' || success FROM flyway_schema_history ORDER BY installed_rank");
    }

    private Tidemark tidemark(String owner) {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("2.1.0")
            .locations(this.files.location()).host("test-host").placeholder("owner", owner).build());
    }

}
