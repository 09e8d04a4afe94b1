package dev.tidemark.migration;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.Collections;
import java.util.Enumeration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a GraalVM native image, {@code ClassLoader.getResources("db/migration")} answers
 * {@code resource:/db/migration}: no folder, no jar. Tidemark lists such a location through the image's
 * NIO file system, which {@link ResourceSchemeFileSystemProvider} stands in for here.
 */
@WithPostgres
class NativeImageResourceScanningTests {

    @Test
    void migrationsAreFoundThroughResourceUrlsWithTheirReleaseFolders(TestDatabase database, @TempDir Path root) {
        MigrationFiles files = new MigrationFiles(root.resolve("db/native"));
        files.write("1.0.0/V1__expand__create_t.sql", "CREATE TABLE t (id bigint);");
        files.write("2.0.0/V2__expand__add_name.sql", "ALTER TABLE t ADD COLUMN name text;");
        resourceFileSystem().serve(root);
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("2.0.0")
            .locations("classpath:db/native").classLoader(new NativeImageClassLoader()).build());
        assertThat(tidemark.info()).extracting(MigrationInfo::script)
            .containsExactly("1.0.0/V1__expand__create_t.sql", "2.0.0/V2__expand__add_name.sql");
        assertThat(tidemark.migrate().appliedCount()).isEqualTo(2);
    }

    private static ResourceSchemeFileSystemProvider resourceFileSystem() {
        return FileSystemProvider.installedProviders().stream()
            .filter(ResourceSchemeFileSystemProvider.class::isInstance)
            .map(ResourceSchemeFileSystemProvider.class::cast)
            .findFirst()
            .orElseThrow();
    }

    /** Answers resource lookups the way a native image does. */
    private static final class NativeImageClassLoader extends ClassLoader {

        private static final URLStreamHandler RESOURCE = new URLStreamHandler() {

            @Override
            protected URLConnection openConnection(URL url) throws IOException {
                throw new IOException("a native image's resource URLs are read through its file system here");
            }

        };

        NativeImageClassLoader() {
            super(NativeImageResourceScanningTests.class.getClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return Collections.enumeration(java.util.List.of(new URL(null, "resource:/" + name, RESOURCE)));
        }

    }

}
