package dev.tidemark.migration.internal.resolve;

import java.util.regex.Pattern;

import dev.tidemark.migration.InvalidMigrationException;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;

/**
 * The naming convention {@code V<version>__<phase>__<description>.sql}, e.g.
 * {@code V12__expand__add_full_name.sql}: the version orders migrations, the phase decides when they
 * run, and underscores in the description read as spaces.
 *
 * @param version the version
 * @param phase the phase
 * @param description the description with underscores turned into spaces
 */
public record MigrationFileName(Version version, Phase phase, String description) {

    /** The convention as a regular expression; file names are split by hand ({@link #hasShape}) to the same effect. */
    static final Pattern NAME = Pattern.compile("V([^_]+)__([^_]+)__(.+)\\.sql");

    private static final String CONVENTION = "name migrations V<version>__<phase>__<description>.sql, "
            + "e.g. V12__expand__add_full_name.sql, with phase expand, migrate or contract (files named the Flyway way, "
            + "V12__add_full_name.sql and R__view.sql, are read too)";

    /**
     * Whether a file name has the shape of this convention (its parts may still be wrong): what {@link #NAME}
     * matches, told by hand because a start with thousands of files asks it of each, in a JVM that has not yet
     * compiled the regular expression engine.
     */
    static boolean hasShape(String fileName) {
        if (!fileName.startsWith("V") || !fileName.endsWith(".sql")) {
            return false;
        }
        int first = fileName.indexOf('_');
        if (first < 2 || !fileName.startsWith("__", first)) {
            return false;
        }
        int second = fileName.indexOf('_', first + 2);
        return second > first + 2 && fileName.startsWith("__", second) && second + 2 < fileName.length() - 4;
    }

    /** Whether the text is digits separated by single dots, as {@code \\d+(\\.\\d+)*} says. */
    private static boolean isVersion(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            }
            else if (c == '.' && digit) {
                digit = false;
            }
            else {
                return false;
            }
        }
        return digit;
    }

    /**
     * Parses a file name.
     * @param fileName the bare file name
     * @param script the path shown in errors
     * @throws InvalidMigrationException naming the file and what is wrong with its name
     */
    public static MigrationFileName parse(String fileName, String script) {
        if (!hasShape(fileName)) {
            throw new InvalidMigrationException(script, 0, "malformed file name '" + fileName + "': " + CONVENTION);
        }
        // The parts of NAME, found as hasShape found them.
        int first = fileName.indexOf('_');
        int second = fileName.indexOf('_', first + 2);
        String version = fileName.substring(1, first);
        String phaseText = fileName.substring(first + 2, second);
        String rest = fileName.substring(second + 2, fileName.length() - 4);
        if (!isVersion(version)) {
            throw new InvalidMigrationException(script, 0, "malformed version '" + version + "' in file name '"
                    + fileName + "': use digits separated by dots, e.g. V12 or V2.1");
        }
        Phase phase = Phase.parse(phaseText).orElseThrow(() -> new InvalidMigrationException(script, 0,
                "unknown phase '" + phaseText + "' in file name '" + fileName
                        + "': the phase must be expand, migrate or contract. If it is a file named the Flyway way, "
                        + "its description must not contain '__': rename it (e.g. V" + version + "__" + phaseText + "_"
                        + rest + ".sql); an applied file may be renamed, Tidemark matches it by version and content"));
        String description = rest.replace('_', ' ').trim();
        if (description.isEmpty()) {
            throw new InvalidMigrationException(script, 0, "empty description in file name '" + fileName + "': "
                    + CONVENTION);
        }
        return new MigrationFileName(Version.parse(version), phase, description);
    }

}
