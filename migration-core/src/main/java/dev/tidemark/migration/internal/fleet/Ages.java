package dev.tidemark.migration.internal.fleet;

import java.time.Duration;

/** Durations as people read them in a deferral reason: {@code 42 s}, {@code 3 min}, {@code 5 h}, {@code 2 d}. */
public final class Ages {

    private Ages() {
    }

    /** The duration in its largest whole unit, rounded down. */
    public static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return (seconds / 60) + " min";
        }
        if (seconds < 2 * 86400) {
            return (seconds / 3600) + " h";
        }
        return (seconds / 86400) + " d";
    }

}
