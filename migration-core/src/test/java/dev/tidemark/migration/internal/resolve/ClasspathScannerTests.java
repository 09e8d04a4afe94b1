package dev.tidemark.migration.internal.resolve;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.migration.InvalidMigrationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClasspathScannerTests {

    @Test
    void locationInsideAJarIsScannedRecursively(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Folder entries, as the jar tool, Maven and Spring Boot write them.
            for (String folder : new String[] { "db/", "db/migration/", "db/migration/1.0.0/", "db/migration/2.0.0/",
                    "db/other/" }) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            entry(out, "db/migration/1.0.0/V1__expand__a.sql", "SELECT 1;");
            entry(out, "db/migration/2.0.0/V2__expand__b.sql", "SELECT 2;");
            entry(out, "db/migration/README.md", "not a migration");
            entry(out, "db/other/V9__expand__c.sql", "SELECT 9;");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
            assertThat(scanner(loader).scan(Location.parse("classpath:/db/migration/")).orElseThrow())
                .extracting(ScriptFile::relativePath, ScriptFile::folderName, ScriptFile::content)
                .containsExactly(Tuple.tuple("1.0.0/V1__expand__a.sql", "1.0.0", "SELECT 1;"),
                        Tuple.tuple("2.0.0/V2__expand__b.sql", "2.0.0", "SELECT 2;"));
        }
    }

    @Test
    void firstClasspathRootWinsAndAHiddenFileIsNotEvenRead(@TempDir Path dir) throws Exception {
        Path first = Files.createDirectories(dir.resolve("first/db/migration"));
        Path second = Files.createDirectories(dir.resolve("second/db/migration"));
        Files.writeString(first.resolve("V1__expand__a.sql"), "SELECT 1;");
        Files.write(second.resolve("V1__expand__a.sql"), new byte[] { (byte) 0xFF });
        Files.writeString(second.resolve("V2__expand__b.sql"), "SELECT 2;");
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] { dir.resolve("first").toUri().toURL(), dir.resolve("second").toUri().toURL() }, null)) {
            assertThat(scanner(loader).scan(Location.parse("db/migration")).orElseThrow())
                .extracting(ScriptFile::relativePath, ScriptFile::content)
                .containsExactly(Tuple.tuple("V1__expand__a.sql", "SELECT 1;"), Tuple.tuple("V2__expand__b.sql", "SELECT 2;"));
        }
    }

    @Test
    void locationThatNoRootHoldsIsReportedAsAbsent() throws Exception {
        assertThat(scanner(getClass().getClassLoader()).scan(Location.parse("classpath:no/such/folder"))).isEmpty();
    }

    @Test
    void fileThatIsNotValidInTheEncodingIsRejectedWithItsRelativePath(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("db/migration/1.0.0"));
        Files.write(folder.resolve("V1__expand__a.sql"), "-- café".getBytes(StandardCharsets.ISO_8859_1));
        try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() }, null)) {
            assertThatExceptionOfType(InvalidMigrationException.class)
                .isThrownBy(() -> scanner(loader).scan(Location.parse("classpath:db/migration")))
                .satisfies((ex) -> assertThat(ex.script()).isEqualTo("1.0.0/V1__expand__a.sql"));
        }
    }

    private static ClasspathScanner scanner(ClassLoader loader) {
        return new ClasspathScanner(loader, StandardCharsets.UTF_8);
    }

    private static void entry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

}
