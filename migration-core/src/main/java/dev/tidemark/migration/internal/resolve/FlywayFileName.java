package dev.tidemark.migration.internal.resolve;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.InvalidMigrationException;
import dev.tidemark.migration.Version;

/**
 * Flyway's naming convention, read so that a project moves to Tidemark with its files as they are:
 * {@code V<version>__<description>.sql} (version digits separated by {@code .} or {@code _}, e.g.
 * {@code V1_1__add_index.sql} is version 1.1) and {@code R__<description>.sql} for a repeatable migration.
 * Such a file has no phase and no release in its name: they come from header directives or default to
 * EXPAND of the configured baseline release. Flyway's undo ({@code U1__x.sql}) and baseline migrations
 * ({@code B1__x.sql}), both paid Flyway features, are refused by name.
 *
 * @param version the version, or {@code null} for a repeatable migration
 * @param description the description, underscores read as spaces
 */
record FlywayFileName(@Nullable Version version, String description) {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");

    private static final Pattern UNSUPPORTED = Pattern.compile("([UB])\\d+(?:[._]\\d+)*__.+\\.sql");

    /** Whether it names a repeatable migration. */
    boolean repeatable() {
        return this.version == null;
    }

    /**
     * Reads a file name the Flyway way.
     * @param fileName the bare file name
     * @param script the path shown in errors
     * @return the name, or empty when it is not named the Flyway way
     * @throws InvalidMigrationException for an undo or baseline migration, or an empty description
     */
    static Optional<FlywayFileName> parse(String fileName, String script) {
        Matcher unsupported = UNSUPPORTED.matcher(fileName);
        if (unsupported.matches()) {
            String kind = unsupported.group(1).equals("U") ? "an undo migration" : "a baseline migration";
            throw new InvalidMigrationException(script, 0, "is " + kind + " of Flyway Teams, which Tidemark does not run; "
                    + "move it out of the migration locations (what it did stays recorded in Flyway's history)");
        }
        Matcher versioned = VERSIONED.matcher(fileName);
        if (versioned.matches()) {
            // Flyway writes V1_1 as 1.1 in its history, and so does Tidemark.
            return Optional.of(new FlywayFileName(Version.parse(versioned.group(1).replace('_', '.')),
                    description(versioned.group(2), script)));
        }
        Matcher repeatable = REPEATABLE.matcher(fileName);
        if (repeatable.matches()) {
            return Optional.of(new FlywayFileName(null, description(repeatable.group(1), script)));
        }
        return Optional.empty();
    }

    private static String description(String text, String script) {
        String description = text.replace('_', ' ').trim();
        if (description.isEmpty()) {
            throw new InvalidMigrationException(script, 0, "has an empty description; name it e.g. V1__create_orders.sql");
        }
        return description;
    }

}
