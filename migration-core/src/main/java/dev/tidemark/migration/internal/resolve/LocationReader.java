package dev.tidemark.migration.internal.resolve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.InvalidConfigurationException;
import dev.tidemark.migration.InvalidMigrationException;

/**
 * Reads the scripts of a location and resolves them, reading again only what may have changed: a
 * {@code classpath:} location once (a class loader's class path does not change, and a jar entry has no
 * cheap change check), a {@code filesystem:} folder's files when their size or modification time changed
 * (see {@link FolderCache}), its listing on every call so that added and deleted files are noticed.
 * <p>
 * A location that does not exist (no class path root holds it, or its folder does not exist) is an error
 * unless {@code failOnMissingLocations} is off; an existing, empty folder is no migrations. Thread-safe.
 */
final class LocationReader {

    private static final Logger logger = LoggerFactory.getLogger(LocationReader.class);

    private final ClasspathScanner classpath;

    private final Charset encoding;

    private final boolean failOnMissingLocations;

    private final Map<String, List<ResolvedMigration>> classpathLocations = new ConcurrentHashMap<>();

    private final FolderCache folders = new FolderCache();

    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

    LocationReader(ClassLoader classLoader, Charset encoding, boolean failOnMissingLocations) {
        this.classpath = new ClasspathScanner(classLoader, encoding);
        this.encoding = encoding;
        this.failOnMissingLocations = failOnMissingLocations;
    }

    /**
     * Resolves the scripts of one location, in the order of their relative paths.
     * @param text the location as configured
     * @param parser resolves one script
     * @throws InvalidMigrationException for a script at fault
     * @throws InvalidConfigurationException naming the option {@code locations} for a location that does not
     *         exist, is a file, or cannot be listed
     */
    List<ResolvedMigration> read(String text, Function<ScriptFile, ResolvedMigration> parser) {
        Location location = Location.parse(text);
        if (location.classpath()) {
            // A failure is not kept: the next call reports it again.
            return this.classpathLocations.computeIfAbsent(text, (key) -> readClasspath(location, parser));
        }
        return readFolder(location, parser);
    }

    private List<ResolvedMigration> readClasspath(Location location, Function<ScriptFile, ResolvedMigration> parser) {
        Optional<List<ScriptFile>> scripts;
        try {
            scripts = this.classpath.scan(location);
        }
        catch (IOException | UncheckedIOException | URISyntaxException ex) {
            throw unreadable(location, ex);
        }
        if (scripts.isEmpty()) {
            return missing(location, "no class path root holds the folder " + location.path() + " (a jar must contain "
                    + "folder entries, as jars built by the jar tool, Maven and Spring Boot do)");
        }
        return scripts.get().stream().map(parser).toList();
    }

    private List<ResolvedMigration> readFolder(Location location, Function<ScriptFile, ResolvedMigration> parser) {
        Path folder = location.folder();
        if (!Files.exists(folder)) {
            return missing(location, "there is no folder " + folder.toAbsolutePath());
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidConfigurationException("locations", "names '" + location.text() + "', which is a file, "
                    + "not a folder: name the folder that holds the migrations");
        }
        this.reportedMissing.remove(location.text());
        List<FileStamp> files;
        try {
            files = FolderScanner.list(folder);
        }
        catch (IOException | UncheckedIOException ex) {
            throw unreadable(location, ex);
        }
        return this.folders.resolve(location.text(), files, (file) -> parser.apply(new ScriptFile(location.text(),
                file.relativePath(), ScriptDecoder.decode(file.relativePath(), FolderScanner.read(file), this.encoding))));
    }

    private List<ResolvedMigration> missing(Location location, String detail) {
        if (this.failOnMissingLocations) {
            throw new InvalidConfigurationException("locations", "names '" + location.text() + "', which does not "
                    + "exist: " + detail + ". Correct the location, or, while the application has no migrations yet, "
                    + "set failOnMissingLocations to false (tidemark.fail-on-missing-locations in Spring Boot)");
        }
        if (this.reportedMissing.add(location.text())) {
            logger.warn("Migration location '{}' does not exist ({}); carrying on without it because "
                    + "failOnMissingLocations is false", location.text(), detail);
        }
        return List.of();
    }

    private static InvalidConfigurationException unreadable(Location location, Exception ex) {
        InvalidConfigurationException invalid = new InvalidConfigurationException("locations", "names '"
                + location.text() + "', which could not be read: " + ex);
        invalid.initCause(ex);
        return invalid;
    }

}
