package dev.tidemark.migration.internal.history;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;

/**
 * One row of the history table.
 *
 * @param installedRank the order of application
 * @param version the migration version
 * @param description the description when it was applied
 * @param phase the phase when it was applied
 * @param release the release when it was applied
 * @param script the script it came from
 * @param checksum the checksum when it was applied, or {@code null}
 * @param installedBy the database user that applied it
 * @param installedOn when it was applied
 * @param host the host of the instance that applied it
 * @param codeVersion the code version of the instance that applied it
 * @param executionTime how long it ran
 * @param success whether it succeeded; a failed row exists only for non-transactional migrations
 * @param statementsApplied for a failed row, how many statements had completed before the failure
 * @param note free text, e.g. the reason given for a forced application
 */
public record AppliedMigration(int installedRank, Version version, String description, Phase phase, Version release,
        String script, @Nullable String checksum, String installedBy, Instant installedOn, String host,
        String codeVersion, Duration executionTime, boolean success, int statementsApplied, @Nullable String note) {
}
