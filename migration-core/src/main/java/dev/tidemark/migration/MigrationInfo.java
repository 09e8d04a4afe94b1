package dev.tidemark.migration;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Everything known about one migration: what the locations define and what the history recorded.
 *
 * @param version the migration version, which orders all migrations
 * @param description the human description from the file name
 * @param phase the phase, which decides when it may run
 * @param release the code version that introduces it
 * @param script the file name or Java class it comes from
 * @param checksum the checksum of its normalized content; {@code null} for Java migrations without one
 * @param state where it stands
 * @param deferralReason why it waits, in words; {@code null} unless {@link MigrationState#DEFERRED}
 * @param installedBy the database user that applied it, or {@code null} if not applied
 * @param installedOn when it was applied, or {@code null}
 * @param installedByHost the host of the instance that applied it, or {@code null}
 * @param installedByCodeVersion the code version of the instance that applied it, or {@code null}
 * @param executionTime how long it ran, or {@code null} if not applied
 * @param installedRank the order in which it was applied, or {@code null}
 * @param progress for a running, interrupted or failed migration, how far it got and who ran it, in words;
 *        {@code null} otherwise
 */
public record MigrationInfo(Version version, String description, Phase phase, Version release, String script,
        @Nullable String checksum, MigrationState state, @Nullable String deferralReason,
        @Nullable String installedBy, @Nullable Instant installedOn, @Nullable String installedByHost,
        @Nullable String installedByCodeVersion, @Nullable Duration executionTime, @Nullable Integer installedRank, @Nullable String progress) {

    /** A short label for logs, e.g. {@code V12 expand "add full name"}. */
    public String label() {
        return "V" + this.version + " " + this.phase.label() + " \"" + this.description + "\"";
    }

}
