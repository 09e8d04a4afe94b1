package dev.tidemark.migration.internal.resolve;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.ProviderNotFoundException;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a class path URL into a {@link Path} when an NIO file system serves its scheme. This is how a
 * GraalVM native image exposes its resources ({@code resource:/db/migration}), where there is neither a
 * directory nor a jar: its {@code resource} file system lists them once it has been opened. Thread-safe.
 */
final class UrlPaths {

    private UrlPaths() {
    }

    /**
     * The path of the URL, opening the file system of its scheme if nobody has yet.
     * @return the path, or empty when no installed file system provider serves the scheme
     */
    static Optional<Path> path(URL root) throws IOException, URISyntaxException {
        URI uri = root.toURI();
        try {
            return Optional.of(Paths.get(uri));
        }
        catch (FileSystemNotFoundException ex) {
            try {
                FileSystems.newFileSystem(URI.create(uri.getScheme() + ":/"), Map.of());
            }
            catch (FileSystemAlreadyExistsException alreadyOpened) {
                // Another thread opened it meanwhile: fine, it is there now.
            }
            return Optional.of(Paths.get(uri));
        }
        catch (ProviderNotFoundException | IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

}
