package dev.tidemark.migration.internal.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.tidemark.migration.InvalidMigrationException;

/**
 * Finds and reads the {@code .sql} files of a class path location, in folders and in jars (including
 * Spring Boot's nested jars, through their URL handler), and under any URL an NIO file system serves,
 * such as a GraalVM native image's {@code resource:} URLs; subfolders included. A location is found
 * through {@link ClassLoader#getResources(String)}, so a jar must contain folder entries, as jars built
 * by the jar tool, Maven and Spring Boot do. Thread-safe.
 */
final class ClasspathScanner {

    private final ClassLoader classLoader;

    private final Charset encoding;

    ClasspathScanner(ClassLoader classLoader, Charset encoding) {
        this.classLoader = classLoader;
        this.encoding = encoding;
    }

    /**
     * Reads the scripts of a class path location.
     * @return the scripts sorted by relative path, or empty when no class path root holds the location
     * @throws InvalidMigrationException naming a file that is not valid in the configured encoding
     */
    Optional<List<ScriptFile>> scan(Location location) throws IOException, URISyntaxException {
        Enumeration<URL> roots = this.classLoader.getResources(location.path());
        if (!roots.hasMoreElements()) {
            return Optional.empty();
        }
        // The same resource can be visible through two class path roots; the first one wins, as in class
        // loading, and a file hidden that way is not even read.
        TreeMap<String, ScriptFile> found = new TreeMap<>();
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            if ("file".equals(root.getProtocol())) {
                scanFolder(location, Paths.get(root.toURI()), found);
                continue;
            }
            if (!"jar".equals(root.getProtocol())) {
                // E.g. resource:/db/migration in a GraalVM native image, listed through its NIO file system.
                Optional<Path> folder = UrlPaths.path(root);
                if (folder.isPresent()) {
                    scanFolder(location, folder.get(), found);
                    continue;
                }
            }
            scanJar(location, root, found);
        }
        return Optional.of(new ArrayList<>(found.values()));
    }

    private void scanFolder(Location location, Path folder, Map<String, ScriptFile> found) throws IOException {
        for (FileStamp file : FolderScanner.list(folder)) {
            if (!found.containsKey(file.relativePath())) {
                found.put(file.relativePath(), script(location, file.relativePath(), FolderScanner.read(file)));
            }
        }
    }

    private void scanJar(Location location, URL root, Map<String, ScriptFile> found) throws IOException {
        if (!(root.openConnection() instanceof JarURLConnection connection)) {
            throw new IOException("unsupported URL " + root + "; use a folder, a jar or a filesystem: location");
        }
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            String entryRoot = connection.getEntryName();
            String prefix = ((entryRoot != null) ? Location.trimSlashes(entryRoot) : location.path()) + "/";
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String relative = entry.getName().substring(Math.min(prefix.length(), entry.getName().length()));
                if (!entry.isDirectory() && entry.getName().startsWith(prefix) && relative.endsWith(".sql")
                        && !found.containsKey(relative)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        found.put(relative, script(location, relative, in.readAllBytes()));
                    }
                }
            }
        }
    }

    private ScriptFile script(Location location, String relativePath, byte[] content) {
        return new ScriptFile(location.text(), relativePath, ScriptDecoder.decode(relativePath, content, this.encoding));
    }

}
