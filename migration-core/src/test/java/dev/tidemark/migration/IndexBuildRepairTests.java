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
 * A failed {@code CREATE INDEX CONCURRENTLY} leaves an INVALID index behind, which slows every write and,
 * for a unique index, still enforces uniqueness. Tidemark drops what the failed build left at once, named
 * or not, records the failure, and builds the index again once the cause is fixed.
 */
@WithPostgres
class IndexBuildRepairTests {

    private final TestDatabase database;

    private MigrationFiles files;

    IndexBuildRepairTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void createATableWithDuplicateEmails(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
        this.files.write("1.0.0/V1__expand__table.sql", "CREATE TABLE accounts (id int PRIMARY KEY, email text);\n"
                + "INSERT INTO accounts VALUES (1, 'a@example.com'), (2, 'a@example.com'), (3, 'b@example.com');");
    }

    @Test
    void aFailedNamedBuildIsDroppedAtOnceAndBuiltAgainOnceTheDataIsFixed() {
        assertRepaired("CREATE UNIQUE INDEX CONCURRENTLY accounts_email ON accounts (email);");
    }

    @Test
    void ifNotExistsNeverRecordsSuccessOverAnInvalidIndex() {
        assertRepaired("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_email ON accounts (email);");
    }

    @Test
    void aFailedUnnamedBuildLeavesNoInvalidIndexHoweverOftenItIsRetried() {
        this.files.write("1.0.0/V2__expand__unique_email.sql", "CREATE UNIQUE INDEX CONCURRENTLY ON accounts (email);");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatExceptionOfType(StatementFailedException.class).isThrownBy(tidemark()::migrate)
                .satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("23505"))
                .withMessageContaining("The INVALID index it left (\"public\".\"accounts_email_idx\") was dropped");
            assertThat(invalidIndexes()).isZero();
        }
        assertThat(tidemark().info()).filteredOn((info) -> info.version().equals(Version.parse("2")))
            .extracting(MigrationInfo::state).containsExactly(MigrationState.FAILED);
        Sql.execute(this.database, "DELETE FROM accounts WHERE id = 2");
        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
        assertThat(Sql.count(this.database, "SELECT count(*) FROM pg_index WHERE indrelid = 'accounts'::regclass "
                + "AND indisvalid AND NOT indisprimary")).isEqualTo(1);
        assertThat(invalidIndexes()).isZero();
    }

    @Test
    void anInvalidIndexOfTheSameNameLeftByAnotherSessionIsDroppedBeforeTheBuild() {
        Sql.execute(this.database, "CREATE TABLE leftover (id int, email text); INSERT INTO leftover VALUES (1, 'x'), (2, 'x')");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> Sql.execute(this.database,
                "CREATE UNIQUE INDEX CONCURRENTLY leftover_email ON leftover (email)"));
        assertThat(Sql.single(this.database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'leftover_email'::regclass"))
            .isEqualTo(false);
        Sql.execute(this.database, "DELETE FROM leftover WHERE id = 2");
        this.files.write("1.0.0/V2__expand__leftover.sql", "CREATE UNIQUE INDEX CONCURRENTLY leftover_email ON leftover (email);");
        assertThat(tidemark().migrate().appliedCount()).isEqualTo(2);
        assertThat(Sql.single(this.database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'leftover_email'::regclass"))
            .isEqualTo(true);
    }

    private void assertRepaired(String createIndex) {
        this.files.write("1.0.0/V2__expand__unique_email.sql", createIndex);
        assertThatExceptionOfType(StatementFailedException.class).isThrownBy(tidemark()::migrate)
            .satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("23505"))
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(1))
            .withMessageContaining("could not create unique index \"accounts_email\"")
            .withMessageContaining("The INVALID index it left (\"public\".\"accounts_email\") was dropped")
            .withMessageContaining("the next run continues with this statement");
        assertThat(Sql.count(this.database, "SELECT count(*) FROM pg_class WHERE relname = 'accounts_email'")).isZero();
        assertThat(Sql.column(this.database, "SELECT outcome FROM tidemark_history WHERE version = '2'"))
            .containsExactly("FAILED");

        Sql.execute(this.database, "DELETE FROM accounts WHERE id = 2");
        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
        assertThat(Sql.single(this.database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email'::regclass"))
            .isEqualTo(true);
        assertThat(tidemark().info()).extracting(MigrationInfo::state).containsOnly(MigrationState.APPLIED);
        assertThat(Sql.column(this.database, "SELECT outcome FROM tidemark_history WHERE version = '2'"))
            .containsExactly("SUCCESS");
    }

    private long invalidIndexes() {
        return Sql.count(this.database, "SELECT count(*) FROM pg_index WHERE indrelid = 'accounts'::regclass AND NOT indisvalid");
    }

    private Tidemark tidemark() {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).build());
    }

}
