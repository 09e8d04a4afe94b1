package dev.tidemark.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

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
 * Applied migrations are immutable: a real edit fails validation before any DDL runs, while line
 * endings and a byte-order mark never count as an edit.
 */
@WithPostgres
class ChecksumValidationTests {

    private static final String V1 = "1.0.0/V1__expand__create_customers.sql";

    private static final String ORIGINAL = "CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  name text\n);\n";

    private final TestDatabase database;

    private MigrationFiles files;

    private Path dir;

    ChecksumValidationTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void applyTheFirstMigration(@TempDir Path dir) {
        this.database.resetSchema();
        this.dir = dir;
        this.files = new MigrationFiles(dir);
        this.files.write(V1, ORIGINAL);
        assertThat(tidemark().migrate().appliedCount()).isEqualTo(1);
    }

    @Test
    void semanticEditFailsBeforeAnyDdlRunsNamingBothChecksums() {
        String recorded = (String) Sql.single(this.database, "SELECT checksum FROM tidemark_history WHERE version = '1'");
        this.files.write(V1, ORIGINAL.replace("name text", "name varchar(100)"));
        this.files.write("1.0.0/V2__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");

        assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(() -> tidemark().migrate())
            .satisfies((ex) -> {
                assertThat(ex.errorCode()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
                assertThat(ex.appliedChecksum()).isEqualTo(recorded);
                assertThat(ex.resolvedChecksum()).isNotEqualTo(recorded);
            })
            .withMessageContaining(V1)
            .withMessageContaining(recorded)
            .withMessageContaining("new migration");
        assertThat(Sql.tables(this.database)).containsExactly("customers", "tidemark_history");
        assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(() -> tidemark().validate());
    }

    @Test
    void lineEndingChangeIsNotAnEdit() {
        this.files.write(V1, ORIGINAL.replace("\n", "\r\n"));
        tidemark().validate();
        assertThat(tidemark().migrate().appliedCount()).isZero();
    }

    @Test
    void byteOrderMarkIsNotAnEdit() {
        byte[] text = ORIGINAL.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        this.files.writeBytes(V1, withBom);
        tidemark().validate();
        assertThat(tidemark().migrate().appliedCount()).isZero();
    }

    @Test
    void deletedAppliedMigrationFailsValidationNamingIt() {
        this.files.delete(V1);
        this.files.write("1.0.0/V2__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
        assertThatExceptionOfType(MissingMigrationException.class).isThrownBy(() -> tidemark().migrate())
            .withMessageContaining(V1)
            .withMessageContaining("Restore the file");
        assertThat(Sql.tables(this.database)).containsExactly("customers", "tidemark_history");
    }

    @Test
    void editAfterStartupIsNoticedByTheSameTidemarkObject() {
        // One object, as in an application: its health probes and reconcile ticks must see the edit.
        Tidemark running = tidemark();
        running.validate();
        this.files.write(V1, ORIGINAL.replace("name text", "name varchar(100)"));
        assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(running::validate)
            .withMessageContaining(V1);
        assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(running::migrate);
    }

    @Test
    void sameSizeEditIsNoticedThroughTheModificationTime() throws IOException {
        Path file = this.dir.resolve(V1);
        FileTime before = Files.getLastModifiedTime(file);
        Tidemark running = tidemark();
        running.validate();
        this.files.write(V1, ORIGINAL.replace("name text", "nome text"));
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plus(Duration.ofSeconds(10))));
        assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(running::validate)
            .withMessageContaining(V1);
    }

    @Test
    void fileAddedOrDeletedAfterStartupIsNoticedByTheSameTidemarkObject() {
        Tidemark running = tidemark();
        assertThat(running.info()).extracting(MigrationInfo::state).containsExactly(MigrationState.APPLIED);
        this.files.write("1.0.0/V2__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
        assertThat(running.info()).extracting(MigrationInfo::state)
            .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
        this.files.delete(V1);
        assertThatExceptionOfType(MissingMigrationException.class).isThrownBy(running::validate)
            .withMessageContaining(V1);
    }

    private Tidemark tidemark() {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).build());
    }

}
