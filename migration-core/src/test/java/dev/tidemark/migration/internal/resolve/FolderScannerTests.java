package dev.tidemark.migration.internal.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FolderScannerTests {

    @Test
    void scriptsAreListedRecursivelyWithSizeAndModificationTime(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("1.0.0/nested/V1__expand__a.sql");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "SELECT 1;");
        FileTime modified = FileTime.from(Instant.parse("2026-01-02T03:04:05Z"));
        Files.setLastModifiedTime(script, modified);
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        assertThat(FolderScanner.list(dir)).containsExactly(
                new FileStamp("1.0.0/nested/V1__expand__a.sql", script, 9, modified));
        assertThat(FolderScanner.read(FolderScanner.list(dir).get(0))).asString().isEqualTo("SELECT 1;");
    }

    @Test
    void linkedFileCountsWithItsTargetAsKubernetesMountsConfigMaps(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("..2026_01_01"));
        Files.writeString(data.resolve("V1__expand__a.sql"), "SELECT 1;");
        Path location = Files.createDirectories(dir.resolve("mount"));
        Files.createSymbolicLink(location.resolve("V1__expand__a.sql"), data.resolve("V1__expand__a.sql"));

        assertThat(FolderScanner.list(location)).singleElement()
            .satisfies((stamp) -> {
                assertThat(stamp.relativePath()).isEqualTo("V1__expand__a.sql");
                assertThat(stamp.size()).isEqualTo(9);
                assertThat(stamp.modified()).isEqualTo(Files.getLastModifiedTime(data.resolve("V1__expand__a.sql")));
            });
    }

}
