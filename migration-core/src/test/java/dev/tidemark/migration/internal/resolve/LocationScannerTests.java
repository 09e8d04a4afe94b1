package dev.tidemark.migration.internal.resolve;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocationScannerTests {

    @Test
    void classpathLocationInsideAJarIsScannedRecursively(@TempDir Path dir) throws IOException {
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
            assertThat(new LocationScanner(loader).scan("classpath:db/migration"))
                .extracting(ScriptFile::relativePath, ScriptFile::folderName, ScriptFile::content)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1.0.0/V1__expand__a.sql", "1.0.0", "SELECT 1;"),
                        org.assertj.core.groups.Tuple.tuple("2.0.0/V2__expand__b.sql", "2.0.0", "SELECT 2;"));
        }
    }

    @Test
    void filesystemLocationIsScannedRecursively(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("1.0.0/nested"));
        Files.writeString(dir.resolve("1.0.0/nested/V1__expand__a.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        assertThat(new LocationScanner(getClass().getClassLoader()).scan("filesystem:" + dir))
            .extracting(ScriptFile::relativePath)
            .containsExactly("1.0.0/nested/V1__expand__a.sql");
    }

    @Test
    void missingLocationYieldsNothing(@TempDir Path dir) {
        LocationScanner scanner = new LocationScanner(getClass().getClassLoader());
        assertThat(scanner.scan("filesystem:" + dir.resolve("absent"))).isEmpty();
        assertThat(scanner.scan("classpath:no/such/folder")).isEmpty();
    }

    private static void entry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

}
