package dev.tidemark.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes migration files into a temporary folder, for tests that need their own set of scripts.
 */
public final class MigrationFiles {

    private final Path root;

    public MigrationFiles(Path root) {
        this.root = root;
    }

    /** Writes a file below the root, e.g. {@code write("1.0.0/V1__expand__init.sql", "CREATE TABLE a (id int);")}. */
    public Path write(String relativePath, String content) {
        return writeBytes(relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path writeBytes(String relativePath, byte[] content) {
        try {
            Path file = this.root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public void delete(String relativePath) {
        try {
            Files.delete(this.root.resolve(relativePath));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The {@code filesystem:} location of the root. */
    public String location() {
        return "filesystem:" + this.root;
    }

}
