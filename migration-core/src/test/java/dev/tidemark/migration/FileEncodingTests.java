package dev.tidemark.migration;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

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
 * Migration files are decoded strictly: a byte that is not valid in the configured encoding (UTF-8 by
 * default) is reported with the file, the line and the byte offset, never replaced, wherever the file
 * lives (a jar, a class path folder, a {@code filesystem:} folder), and nothing is written.
 */
@WithPostgres
class FileEncodingTests {

    private static final String SCRIPT = "1.0.0/V1__expand__create_notes.sql";

    private static final String CONTENT = "CREATE TABLE notes (id int PRIMARY KEY, note text);\n"
            + "INSERT INTO notes VALUES (1, 'café');\n";

    /** Where the Latin-1 'é' (one byte, 0xE9) sits: every character before it is ASCII, one byte each. */
    private static final int OFFSET_OF_E_ACUTE = CONTENT.indexOf('é');

    private final TestDatabase database;

    FileEncodingTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase() {
        this.database.resetSchema();
    }

    @Test
    void latin1FileInAJarIsRejectedNamingTheFileLineAndByteOffset(@TempDir Path dir) throws IOException {
        Path jar = jar(dir, CONTENT.getBytes(StandardCharsets.ISO_8859_1));
        try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
            Tidemark tidemark = new Tidemark(configuration().classLoader(loader).locations("classpath:db/migration").build());
            assertRejectedAsNotUtf8(tidemark);
        }
    }

    @Test
    void latin1FileInAClasspathFolderIsRejectedNamingTheFileLineAndByteOffset(@TempDir Path dir) throws IOException {
        new MigrationFiles(dir.resolve("db/migration")).writeBytes(SCRIPT, CONTENT.getBytes(StandardCharsets.ISO_8859_1));
        try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() }, null)) {
            Tidemark tidemark = new Tidemark(configuration().classLoader(loader).locations("classpath:db/migration").build());
            assertRejectedAsNotUtf8(tidemark);
        }
    }

    @Test
    void latin1FileInAFilesystemFolderIsRejectedNamingTheFileLineAndByteOffset(@TempDir Path dir) {
        MigrationFiles files = new MigrationFiles(dir);
        files.writeBytes(SCRIPT, CONTENT.getBytes(StandardCharsets.ISO_8859_1));
        assertRejectedAsNotUtf8(new Tidemark(configuration().locations(files.location()).build()));
    }

    @Test
    void latin1FileIsAppliedWhenTheEncodingOptionSaysLatin1(@TempDir Path dir) throws IOException {
        Path jar = jar(dir, CONTENT.getBytes(StandardCharsets.ISO_8859_1));
        try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
            new Tidemark(configuration().classLoader(loader).locations("classpath:db/migration")
                .encoding(StandardCharsets.ISO_8859_1).build()).migrate();
        }
        assertThat(Sql.single(this.database, "SELECT note FROM notes")).isEqualTo("café");
    }

    @Test
    void utf8FileWithAByteOrderMarkInAJarIsApplied(@TempDir Path dir) throws IOException {
        byte[] text = CONTENT.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Path jar = jar(dir, withBom);
        try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
            new Tidemark(configuration().classLoader(loader).locations("classpath:db/migration").build()).migrate();
        }
        assertThat(Sql.single(this.database, "SELECT note FROM notes")).isEqualTo("café");
    }

    private void assertRejectedAsNotUtf8(Tidemark tidemark) {
        for (Runnable command : new Runnable[] { tidemark::migrate, tidemark::info, tidemark::validate }) {
            assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(command::run)
                .satisfies((ex) -> {
                    assertThat(ex.errorCode()).isEqualTo(ErrorCode.INVALID_MIGRATION);
                    assertThat(ex.script()).isEqualTo(SCRIPT);
                    assertThat(ex.line()).isEqualTo(2);
                })
                .withMessageContaining(SCRIPT + " (line 2)")
                .withMessageContaining("byte offset " + OFFSET_OF_E_ACUTE)
                .withMessageContaining("0xE9")
                .withMessageContaining("not valid UTF-8")
                .withMessageContaining("encoding");
        }
        assertThat(Sql.tables(this.database)).isEmpty();
    }

    private TidemarkConfiguration.Builder configuration() {
        return TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0");
    }

    /** A jar as Maven and Spring Boot build them: folder entries, then the script. */
    private static Path jar(Path dir, byte[] script) throws IOException {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : new String[] { "db/", "db/migration/", "db/migration/1.0.0/" }) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("db/migration/" + SCRIPT));
            out.write(script);
            out.closeEntry();
        }
        return jar;
    }

}
