package dev.tidemark.migration;

import java.util.Locale;
import java.util.Optional;

/**
 * How much a lint finding matters. Each rule has a default; {@link LintSettings#severities()} overrides it per rule.
 */
public enum LintSeverity {

    /** Fails startup (in {@link LintMode#FAIL} mode) and {@link LintReport#assertNoErrors()}. */
    ERROR,

    /** Reported and logged, never fails anything. */
    WARNING,

    /** The rule is switched off. */
    OFF;

    /** Parses {@code error}, {@code warning} (or {@code warn}) and {@code off}, case-insensitively. */
    public static Optional<LintSeverity> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> Optional.of(ERROR);
            case "warning", "warn" -> Optional.of(WARNING);
            case "off" -> Optional.of(OFF);
            default -> Optional.empty();
        };
    }

    /** The lower-case form used in properties and reports, e.g. {@code warning}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

}
