package dev.tidemark.migration;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where migrations come from: SQL files in locations and migrations written in Java. Validated when built.
 *
 * @param locations where SQL migrations are found: {@code classpath:} or {@code filesystem:} prefixed
 *        paths (a path without a prefix is a classpath location), searched with their subfolders
 * @param javaMigrations migrations written in Java
 * @param classLoader the class loader that resolves {@code classpath:} locations
 * @param encoding the encoding of SQL files; a file that is not valid in it is rejected with its line and
 *        byte offset, never decoded with replacement characters
 * @param failOnMissingLocations whether a location that does not exist is an error when migrations are
 *        resolved: a {@code classpath:} location that no class path root holds, or a {@code filesystem:}
 *        folder that does not exist (an existing, empty folder never is)
 */
public record SourceSettings(List<String> locations, List<JavaMigration> javaMigrations, ClassLoader classLoader,
        Charset encoding, boolean failOnMissingLocations) {

    /** The default location, {@code classpath:db/migration}. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration";

    /** The default encoding of SQL files, UTF-8. */
    public static final Charset DEFAULT_ENCODING = StandardCharsets.UTF_8;

    /** By default a location that does not exist is an error. */
    public static final boolean DEFAULT_FAIL_ON_MISSING_LOCATIONS = true;

    /**
     * Validates the values and copies the lists.
     * @throws InvalidConfigurationException naming the option at fault
     */
    public SourceSettings {
        locations = List.copyOf(locations);
        javaMigrations = List.copyOf(javaMigrations);
        if (locations.isEmpty() && javaMigrations.isEmpty()) {
            throw new InvalidConfigurationException("locations", "is empty and there are no Java migrations: nothing "
                    + "to migrate");
        }
        for (String location : locations) {
            if (location.isBlank()) {
                throw new InvalidConfigurationException("locations", "contains a blank entry");
            }
        }
        if (classLoader == null) {
            throw new InvalidConfigurationException("classLoader", "must not be null");
        }
        if (encoding == null) {
            throw new InvalidConfigurationException("encoding", "must not be null; the default is UTF-8");
        }
    }

}
