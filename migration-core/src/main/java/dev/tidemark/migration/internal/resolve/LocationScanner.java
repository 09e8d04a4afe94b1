package dev.tidemark.migration.internal.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.TidemarkException;

/**
 * Finds the {@code .sql} files of a location: {@code classpath:path} (directories and jars, including
 * Spring Boot's nested jars through their URL handler) or {@code filesystem:path}; a location without
 * a prefix is a classpath location. Subfolders are searched too. A classpath folder is found through
 * {@link ClassLoader#getResources(String)}, so a jar must contain folder entries, as jars built by the
 * jar tool, Maven and Spring Boot do. Thread-safe.
 */
public final class LocationScanner {

    private static final String CLASSPATH = "classpath:";

    private static final String FILESYSTEM = "filesystem:";

    private final ClassLoader classLoader;

    /** Creates a scanner that resolves classpath locations with the given class loader. */
    public LocationScanner(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Returns the scripts of one location, sorted by relative path; a missing location yields none. */
    public List<ScriptFile> scan(String location) {
        TreeMap<String, ScriptFile> found = new TreeMap<>();
        try {
            if (location.startsWith(FILESYSTEM)) {
                scanDirectory(location, Paths.get(location.substring(FILESYSTEM.length())), found);
            }
            else {
                String path = trimSlashes(location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location);
                Enumeration<URL> roots = this.classLoader.getResources(path);
                while (roots.hasMoreElements()) {
                    scanUrl(location, path, roots.nextElement(), found);
                }
            }
        }
        catch (IOException | UncheckedIOException | URISyntaxException ex) {
            throw new TidemarkException(ErrorCode.INVALID_CONFIGURATION, "Could not read migration location '" + location
                    + "': " + ex.getMessage(), ex);
        }
        return new ArrayList<>(found.values());
    }

    private void scanUrl(String location, String path, URL root, Map<String, ScriptFile> found)
            throws IOException, URISyntaxException {
        if ("file".equals(root.getProtocol())) {
            scanDirectory(location, Paths.get(root.toURI()), found);
            return;
        }
        if (!(root.openConnection() instanceof JarURLConnection connection)) {
            throw new IOException("unsupported URL " + root + "; use a directory, a jar or filesystem: location");
        }
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            String entryRoot = connection.getEntryName();
            String prefix = ((entryRoot != null) ? trimSlashes(entryRoot) : path) + "/";
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix) && isScript(entry.getName())) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        String relative = entry.getName().substring(prefix.length());
                        put(found, new ScriptFile(location, relative, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
    }

    private static void scanDirectory(String location, Path directory, Map<String, ScriptFile> found)
            throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && isScript(file.getFileName().toString())) {
                    String relative = directory.relativize(file).toString().replace('\\', '/');
                    put(found, new ScriptFile(location, relative, Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
    }

    private static void put(Map<String, ScriptFile> found, ScriptFile file) {
        // The same resource can be visible through two class path roots; the first one wins, as in class loading.
        found.putIfAbsent(file.relativePath(), file);
    }

    private static boolean isScript(String name) {
        return name.endsWith(".sql");
    }

    private static String trimSlashes(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

}
