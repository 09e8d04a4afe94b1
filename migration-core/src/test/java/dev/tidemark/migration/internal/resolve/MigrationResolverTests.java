package dev.tidemark.migration.internal.resolve;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.migration.InvalidConfigurationException;
import dev.tidemark.migration.InvalidMigrationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The resolver reads a file again only when it may have changed: {@code classpath:} locations once per
 * resolver, {@code filesystem:} files when their size or modification time changed (or when they were
 * written so recently that an edit in the same clock tick would go unseen).
 */
class MigrationResolverTests {

    private static final String V1 = "1.0.0/V1__expand__a.sql";

    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minus(Duration.ofHours(1)));

    @Test
    void unchangedFileIsNotReadAgain(@TempDir Path dir) throws IOException {
        MigrationResolver resolver = resolver(getClass().getClassLoader());
        Path file = write(dir, V1, "SELECT 1;", AN_HOUR_AGO);
        String first = single(resolver, dir).checksum();

        // Same size and modification time, other content: only a re-read would see it.
        write(dir, V1, "SELECT 2;", AN_HOUR_AGO);
        assertThat(single(resolver, dir).checksum()).isEqualTo(first);
        assertThat(Files.readString(file)).isEqualTo("SELECT 2;");
    }

    @Test
    void fileWhoseSizeChangedIsReadAgain(@TempDir Path dir) throws IOException {
        MigrationResolver resolver = resolver(getClass().getClassLoader());
        write(dir, V1, "SELECT 1;", AN_HOUR_AGO);
        String first = single(resolver, dir).checksum();
        write(dir, V1, "SELECT 10;", AN_HOUR_AGO);
        assertThat(single(resolver, dir).checksum()).isNotEqualTo(first).isEqualTo(Checksums.of("SELECT 10;"));
    }

    @Test
    void fileWhoseModificationTimeChangedIsReadAgain(@TempDir Path dir) throws IOException {
        MigrationResolver resolver = resolver(getClass().getClassLoader());
        write(dir, V1, "SELECT 1;", AN_HOUR_AGO);
        String first = single(resolver, dir).checksum();
        write(dir, V1, "SELECT 2;", FileTime.from(AN_HOUR_AGO.toInstant().plusMillis(1)));
        assertThat(single(resolver, dir).checksum()).isNotEqualTo(first).isEqualTo(Checksums.of("SELECT 2;"));
    }

    @Test
    void fileWrittenJustBeforeItWasReadIsReadAgainEvenWithTheSameSizeAndTime(@TempDir Path dir) throws IOException {
        // File times tick coarsely (milliseconds or worse): a same-size edit right after the read can keep the time.
        MigrationResolver resolver = resolver(getClass().getClassLoader());
        FileTime now = FileTime.from(Instant.now());
        write(dir, V1, "SELECT 1;", now);
        single(resolver, dir);
        write(dir, V1, "SELECT 2;", now);
        assertThat(single(resolver, dir).checksum()).isEqualTo(Checksums.of("SELECT 2;"));
    }

    @Test
    void addedAndDeletedFilesAreNoticed(@TempDir Path dir) throws IOException {
        MigrationResolver resolver = resolver(getClass().getClassLoader());
        write(dir, V1, "SELECT 1;", AN_HOUR_AGO);
        assertThat(resolve(resolver, dir)).extracting(ResolvedMigration::script).containsExactly(V1);
        write(dir, "1.0.0/V2__expand__b.sql", "SELECT 2;", AN_HOUR_AGO);
        assertThat(resolve(resolver, dir)).extracting(ResolvedMigration::script)
            .containsExactly(V1, "1.0.0/V2__expand__b.sql");
        Files.delete(dir.resolve(V1));
        assertThat(resolve(resolver, dir)).extracting(ResolvedMigration::script).containsExactly("1.0.0/V2__expand__b.sql");
    }

    @Test
    void brokenFileIsReportedOnEveryResolveUntilItIsFixed(@TempDir Path dir) throws IOException {
        MigrationResolver resolver = resolver(getClass().getClassLoader());
        write(dir, V1, "SELECT 1;", AN_HOUR_AGO);
        resolve(resolver, dir);
        write(dir, "1.0.0/V2__expnad__b.sql", "SELECT 2;", AN_HOUR_AGO);
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(() -> resolve(resolver, dir))
                .withMessageContaining("unknown phase 'expnad'");
        }
        Files.move(dir.resolve("1.0.0/V2__expnad__b.sql"), dir.resolve("1.0.0/V2__expand__b.sql"));
        assertThat(resolve(resolver, dir)).hasSize(2);
    }

    @Test
    void jarLocationIsResolvedOncePerResolver(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : new String[] { "db/", "db/migration/", "db/migration/1.0.0/" }) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("db/migration/" + V1));
            out.write("SELECT 1;".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null);
        MigrationResolver resolver = resolver(loader);
        List<ResolvedMigration> first = resolver.resolve(List.of("classpath:db/migration"), List.of());

        // With the class loader closed and the jar gone, a fresh scan finds nothing: the second call did not scan.
        loader.close();
        Files.delete(jar);
        assertThat(resolver.resolve(List.of("classpath:db/migration"), List.of())).isEqualTo(first);
        assertThatExceptionOfType(InvalidConfigurationException.class)
            .isThrownBy(() -> resolver(loader).resolve(List.of("classpath:db/migration"), List.of()))
            .withMessageContaining("does not exist");
    }

    @Test
    void classpathFolderIsResolvedOnceLikeAJar(@TempDir Path dir) throws IOException {
        write(dir.resolve("db/migration"), V1, "SELECT 1;", AN_HOUR_AGO);
        try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() }, null)) {
            MigrationResolver resolver = resolver(loader);
            List<ResolvedMigration> first = resolver.resolve(List.of("classpath:db/migration"), List.of());
            write(dir.resolve("db/migration"), "1.0.0/V2__expand__b.sql", "SELECT 2;", AN_HOUR_AGO);
            assertThat(resolver.resolve(List.of("classpath:db/migration"), List.of())).isEqualTo(first);
        }
    }

    @Test
    void concurrentResolvesAllSeeTheSameMigrations(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 100; i++) {
            write(dir, "1.0.0/V" + i + "__expand__t" + i + ".sql", "CREATE TABLE t" + i + " (id int);", AN_HOUR_AGO);
        }
        MigrationResolver resolver = resolver(getClass().getClassLoader());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<ResolvedMigration>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    List<ResolvedMigration> last = List.of();
                    for (int round = 0; round < 10; round++) {
                        last = resolve(resolver, dir);
                    }
                    return last;
                }));
            }
            start.countDown();
            List<ResolvedMigration> expected = resolve(resolver(getClass().getClassLoader()), dir);
            assertThat(expected).hasSize(100);
            for (Future<List<ResolvedMigration>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    private static MigrationResolver resolver(ClassLoader loader) {
        return new MigrationResolver(loader, StandardCharsets.UTF_8, true);
    }

    private static List<ResolvedMigration> resolve(MigrationResolver resolver, Path dir) {
        return resolver.resolve(List.of("filesystem:" + dir), List.of());
    }

    private static ResolvedMigration single(MigrationResolver resolver, Path dir) {
        List<ResolvedMigration> resolved = resolve(resolver, dir);
        assertThat(resolved).hasSize(1);
        return resolved.get(0);
    }

    private static Path write(Path root, String relativePath, String content, FileTime modified) throws IOException {
        Path file = root.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, modified);
        return file;
    }

}
