package dev.tidemark.migration.internal.history;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;

/**
 * One row of the history table.
 *
 * @param installedRank the order of application (for a running or failed row: of its start)
 * @param version the migration version
 * @param description the description when it was applied
 * @param phase the phase when it was applied
 * @param release the release when it was applied
 * @param script the script it came from
 * @param checksum for a successful row the checksum of the migration; for the others the checksum of the
 *        statements that completed, which decides whether a later run may resume after them
 * @param installedBy the database user that applied it
 * @param installedOn when it was applied (or started)
 * @param host the host of the instance that applied it
 * @param codeVersion the code version of the instance that applied it
 * @param executionTime how long it ran, retries and their pauses included
 * @param outcome what the row records
 * @param statementsApplied how many statements had completed, for a row that is not a success
 * @param note free text, e.g. the reason given for a forced application
 * @param attempts how many attempts it took (1 without lock-timeout retries)
 * @param backendPid for a running row, the pid of the database session that applies it
 * @param backendStart for a running row, when that session started (a pid alone can be reused)
 */
public record AppliedMigration(int installedRank, Version version, String description, Phase phase, Version release,
        String script, @Nullable String checksum, String installedBy, Instant installedOn, String host,
        String codeVersion, Duration executionTime, Outcome outcome, int statementsApplied, @Nullable String note,
        int attempts, @Nullable Integer backendPid, @Nullable Instant backendStart) {

    /** Whether the migration was applied. */
    public boolean success() {
        return this.outcome == Outcome.SUCCESS;
    }

    /** The same row with another outcome, e.g. {@link Outcome#INTERRUPTED} once its session is known to be gone. */
    public AppliedMigration withOutcome(Outcome newOutcome) {
        return new AppliedMigration(this.installedRank, this.version, this.description, this.phase, this.release,
                this.script, this.checksum, this.installedBy, this.installedOn, this.host, this.codeVersion,
                this.executionTime, newOutcome, this.statementsApplied, this.note, this.attempts, this.backendPid,
                this.backendStart);
    }

}
