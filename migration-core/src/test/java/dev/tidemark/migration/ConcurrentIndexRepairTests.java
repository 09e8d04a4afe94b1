package dev.tidemark.migration;

import java.nio.file.Path;
import java.sql.Connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static dev.tidemark.migration.LockSafetyTests.execute;
import static dev.tidemark.migration.LockSafetyTests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@WithPostgres
class ConcurrentIndexRepairTests {

    @Test
    void aFailedUniqueConcurrentIndexIsDroppedAndBuiltAgainOnceTheDataIsFixed(TestDatabase database, @TempDir Path dir)
            throws Exception {
        assertRepaired(database, dir, "accounts", "CREATE UNIQUE INDEX CONCURRENTLY accounts_email ON accounts (email);");
    }

    @Test
    void ifNotExistsNeverRecordsSuccessOverTheInvalidIndex(TestDatabase database, @TempDir Path dir) throws Exception {
        assertRepaired(database, dir, "members",
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS members_email ON members (email);");
    }

    private static void assertRepaired(TestDatabase database, Path dir, String table, String createIndex)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__table.sql", "CREATE TABLE " + table + " (id int PRIMARY KEY, email text);\n"
                + "INSERT INTO " + table + " VALUES (1, 'a@example.com'), (2, 'a@example.com'), (3, 'b@example.com');");
        files.write("1.0.0/V2__expand__unique_email.sql", createIndex);
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .historyTable("history_" + table).locations(files.location()).build());
        assertThatExceptionOfType(StatementFailedException.class).isThrownBy(tidemark::migrate)
            .satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("23505"));
        String validity = "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '"
                + table + "_email'";
        try (Connection connection = database.getConnection()) {
            assertThat(query(connection, validity)).isEqualTo(false);
            execute(connection, "DELETE FROM " + table + " WHERE id = 2");
        }
        assertThat(tidemark.migrate().appliedCount()).isEqualTo(1);
        try (Connection connection = database.getConnection()) {
            assertThat(query(connection, validity)).isEqualTo(true);
            assertThat(query(connection, "SELECT count(*) FROM pg_class WHERE relname = '" + table + "_email'")).isEqualTo(1);
        }
        assertThat(tidemark.info()).extracting(MigrationInfo::state).containsOnly(MigrationState.APPLIED);
    }

}
