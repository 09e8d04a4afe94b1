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
 * Each kind of bad input gives an error that names the file (and line) and says what to do, and
 * leaves the database exactly as it was: not even the history table is created.
 */
@WithPostgres
class BadInputTests {

    private final TestDatabase database;

    private MigrationFiles files;

    BadInputTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
        this.files.write("1.0.0/V1__expand__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);");
    }

    @Test
    void malformedFileNameNamesTheFileAndTheConvention() {
        this.files.write("1.0.0/V2_expand_add_email.sql", "ALTER TABLE customers ADD COLUMN email text;");
        assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::migrate)
            .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.INVALID_MIGRATION))
            .withMessageContaining("1.0.0/V2_expand_add_email.sql")
            .withMessageContaining("V<version>__<phase>__<description>.sql");
        assertUntouched();
    }

    @Test
    void unknownPhaseNamesThePhaseAndTheKnownOnes() {
        this.files.write("1.0.0/V2__expnad__add_email.sql", "ALTER TABLE customers ADD COLUMN email text;");
        assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::migrate)
            .withMessageContaining("1.0.0/V2__expnad__add_email.sql")
            .withMessageContaining("unknown phase 'expnad'")
            .withMessageContaining("expand, migrate or contract");
        assertUntouched();
    }

    @Test
    void unterminatedDollarQuoteNamesTheLineWhereItStarts() {
        this.files.write("1.0.0/V2__expand__add_function.sql", """
                CREATE TABLE a (id int);

                CREATE FUNCTION broken() RETURNS int AS $body$
                BEGIN
                  RETURN 1;
                END;
                """);
        assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::migrate)
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
            .withMessageContaining("1.0.0/V2__expand__add_function.sql (line 3)")
            .withMessageContaining("unterminated");
        assertUntouched();
    }

    @Test
    void duplicateVersionNamesBothFiles() {
        this.files.write("1.0.0/V1__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
        assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::migrate)
            .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.DUPLICATE_VERSION))
            .withMessageContaining("V1__expand__create_customers.sql")
            .withMessageContaining("V1__expand__create_orders.sql");
        assertUntouched();
    }

    @Test
    void migrationWithoutAReleaseSaysWhereToPutIt() {
        this.files.write("V2__expand__add_email.sql", "ALTER TABLE customers ADD COLUMN email text;");
        assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::migrate)
            .withMessageContaining("V2__expand__add_email.sql: no release")
            .withMessageContaining("-- tidemark:release");
        assertUntouched();
    }

    @Test
    void unknownDirectiveNamesItsLine() {
        this.files.write("1.0.0/V2__expand__add_email.sql", """
                -- tidemark:lock-timeout 5s
                -- tidemark:lock-timout 5s
                ALTER TABLE customers ADD COLUMN email text;
                """);
        assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::migrate)
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
            .withMessageContaining("unknown directive 'lock-timout'");
        assertUntouched();
    }

    @Test
    void mixingConcurrentIndexWithTransactionalDdlTellsToSplitTheFile() {
        this.files.write("1.0.0/V2__expand__email_and_index.sql", """
                ALTER TABLE customers ADD COLUMN email text;
                CREATE INDEX CONCURRENTLY customers_email ON customers (email);
                """);
        assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::migrate)
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
            .withMessageContaining("cannot run inside a transaction")
            .withMessageContaining("split the file");
        assertUntouched();
    }

    @Test
    void transactionControlInAScriptIsRejected() {
        this.files.write("1.0.0/V2__expand__add_email.sql", """
                BEGIN;
                ALTER TABLE customers ADD COLUMN email text;
                COMMIT;
                """);
        assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::migrate)
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(1))
            .withMessageContaining("transaction control statement");
        assertUntouched();
    }

    @Test
    void unreachableDatabaseSaysWhatToCheck() {
        var unreachable = new org.postgresql.ds.PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(unreachable).codeVersion("1.0.0")
            .locations(this.files.location()).build());
        assertThatExceptionOfType(TidemarkException.class).isThrownBy(tidemark::migrate)
            .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.DATABASE_ERROR))
            .withMessageContaining("Could not connect to the database to migrate")
            .withMessageContaining("Check that PostgreSQL is running");
    }

    @Test
    void missingCodeVersionIsAConfigurationErrorNamingTheOption() {
        assertThatExceptionOfType(TidemarkException.class)
            .isThrownBy(() -> TidemarkConfiguration.builder().dataSource(this.database).build())
            .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
            .withMessageContaining("'codeVersion' is required");
    }

    private void migrate() {
        new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).build()).migrate();
    }

    private void assertUntouched() {
        assertThat(Sql.tables(this.database)).isEmpty();
    }

}
