package dev.tidemark.migration;

import java.util.List;

/**
 * Where migrations come from: SQL files in locations and migrations written in Java. Validated when built.
 *
 * @param locations where SQL migrations are found: {@code classpath:} or {@code filesystem:} prefixed
 *        paths (a path without a prefix is a classpath location), searched with their subfolders
 * @param javaMigrations migrations written in Java
 * @param classLoader the class loader that resolves {@code classpath:} locations
 */
public record SourceSettings(List<String> locations, List<JavaMigration> javaMigrations, ClassLoader classLoader) {

    /** The default location, {@code classpath:db/migration}. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration";

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
    }

}
