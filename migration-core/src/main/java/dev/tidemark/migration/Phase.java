package dev.tidemark.migration;

import java.util.Locale;
import java.util.Optional;

/**
 * The phase of a migration, which decides when it may run during a rolling deployment.
 */
public enum Phase {

    /** Additive, backward-compatible DDL; applied at startup by code of its release or newer. */
    EXPAND,

    /** Data changes such as backfills; applied once every live instance runs its release or newer. */
    MIGRATE,

    /** Destructive DDL; applied once no live instance runs code older than its release. */
    CONTRACT;

    /** Parses a phase name case-insensitively, as written in file names and directives. */
    public static Optional<Phase> parse(String text) {
        for (Phase phase : values()) {
            if (phase.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(phase);
            }
        }
        return Optional.empty();
    }

    /** The lower-case form used in file names, e.g. {@code expand}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

}
