package dev.tidemark.migration.internal.resolve;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.TreeMap;

import dev.tidemark.migration.InvalidMigrationException;

/**
 * Lists the {@code .sql} files below a folder, subfolders included, with the size and modification time
 * that tell whether a file changed, and reads them. A symbolic link to a file counts with its target's
 * size and time (Kubernetes mounts ConfigMap entries as links); links to folders are not followed.
 * Thread-safe (stateless).
 */
final class FolderScanner {

    private FolderScanner() {
    }

    /** The scripts below an existing folder, sorted by relative path: one stat each, no content read. */
    static List<FileStamp> list(Path folder) throws IOException {
        TreeMap<String, FileStamp> found = new TreeMap<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (file.getFileName().toString().endsWith(".sql")) {
                    BasicFileAttributes target = attributes.isSymbolicLink()
                            ? Files.readAttributes(file, BasicFileAttributes.class) : attributes;
                    if (target.isRegularFile()) {
                        String relative = folder.relativize(file).toString().replace('\\', '/');
                        found.put(relative, new FileStamp(relative, file, target.size(), target.lastModifiedTime()));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

        });
        return List.copyOf(found.values());
    }

    /**
     * Reads a listed file.
     * @throws InvalidMigrationException naming the file when it cannot be read
     */
    static byte[] read(FileStamp file) {
        try {
            return Files.readAllBytes(file.file());
        }
        catch (IOException ex) {
            throw new InvalidMigrationException(file.relativePath(), 0, "could not be read from " + file.file() + ": "
                    + ex + "; check that the file exists and that this process may read it");
        }
    }

}
