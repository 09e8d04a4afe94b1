package dev.tidemark.migration;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The checks the option groups share. Stateless.
 */
final class Options {

    /** PostgreSQL's limit on identifiers, in bytes; longer names are silently truncated. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Options() {
    }

    /**
     * A timeout or interval: PostgreSQL takes milliseconds, and {@code 0} means "no timeout", so anything
     * below one millisecond would silently switch a protection off.
     */
    static Duration atLeastOneMillisecond(String option, @Nullable Duration value) {
        if (value == null || value.compareTo(Duration.ofMillis(1)) < 0) {
            throw new InvalidConfigurationException(option, "must be at least 1ms but was " + value
                    + ((value != null && !value.isNegative() && !value.isZero())
                            ? " (timeouts are sent to PostgreSQL in whole milliseconds, where 0 means none)" : ""));
        }
        return value;
    }

    /**
     * A name Tidemark quotes as given; plain letters, digits and underscores only, and short enough that
     * the names Tidemark derives from it (an index named {@code <name><suffix>}) stay within PostgreSQL's
     * 63 bytes, which would otherwise truncate them silently.
     */
    static String identifier(String option, @Nullable String value, int suffixLength) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new InvalidConfigurationException(option, "'" + value + "' is not a plain PostgreSQL identifier: use "
                    + "letters, digits and underscores, starting with a letter or underscore");
        }
        int limit = MAX_IDENTIFIER_BYTES - suffixLength;
        if (value.length() > limit) {
            throw new InvalidConfigurationException(option, "'" + value + "' is " + value.length() + " characters long; "
                    + "at most " + limit + " fit"
                    + ((suffixLength > 0) ? ", because Tidemark names an index after it with " + suffixLength
                            + " more characters and PostgreSQL cuts names at " + MAX_IDENTIFIER_BYTES + " bytes"
                            : " in PostgreSQL's " + MAX_IDENTIFIER_BYTES + "-byte names"));
        }
        return value;
    }

}
