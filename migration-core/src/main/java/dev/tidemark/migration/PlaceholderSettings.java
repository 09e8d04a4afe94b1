package dev.tidemark.migration;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Placeholders in SQL migrations, as Flyway has them: {@code ${name}} is replaced by the configured value
 * before the migration runs, while its checksum stays over the file as written, so that a value that
 * differs between environments never looks like an edit. (A repeatable migration's checksum covers the
 * replaced text, as in Flyway: it is applied again when a value it uses changes.) Names are compared
 * without regard to case, as Flyway compares them. Validated when built.
 *
 * @param values the value of each placeholder name
 * @param prefix what opens a placeholder, <code>${</code> by default
 * @param suffix what closes it, <code>}</code> by default
 * @param replacement whether placeholders are replaced at all; with it off, {@code ${...}} is sent as written
 */
public record PlaceholderSettings(Map<String, String> values, String prefix, String suffix, boolean replacement) {

    /** No placeholders, Flyway's prefix and suffix, replacement on. */
    public static final PlaceholderSettings DEFAULTS = new PlaceholderSettings(Map.of(), "${", "}", true);

    /**
     * Validates the values and copies the map, keyed by lower-case name.
     * @throws InvalidConfigurationException naming the option at fault
     */
    public PlaceholderSettings {
        if (values == null) {
            throw new InvalidConfigurationException("placeholders", "must not be null");
        }
        TreeMap<String, String> byName = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name == null || name.isBlank() || value == null) {
                throw new InvalidConfigurationException("placeholders", "has a blank name or a null value ('" + name
                        + "'); give every placeholder a name and a value (an empty text is a value)");
            }
            if (byName.put(name.toLowerCase(Locale.ROOT), value) != null) {
                throw new InvalidConfigurationException("placeholders", "names '" + name + "' twice (names are "
                        + "compared without regard to case); keep one");
            }
        });
        values = Map.copyOf(byName);
        if (prefix == null || prefix.isEmpty()) {
            throw new InvalidConfigurationException("placeholderPrefix", "must not be empty; the default is ${");
        }
        if (suffix == null || suffix.isEmpty()) {
            throw new InvalidConfigurationException("placeholderSuffix", "must not be empty; the default is }");
        }
    }

}
