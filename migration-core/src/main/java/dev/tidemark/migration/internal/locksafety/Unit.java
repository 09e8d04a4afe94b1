package dev.tidemark.migration.internal.locksafety;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.MigrationInfo;

/**
 * What runs under the lock-safety rules: a migration, or the batches of a backfill. It names what logs and
 * failures show and the listener events carry, and may fix the timeouts of all its statements.
 *
 * @param label e.g. {@code V12 expand "add full name"}
 * @param script the file it comes from
 * @param info the migration, for listener events
 * @param transactional whether an attempt is one transaction, all of which a lock conflict rolls back (else
 *        a conflict undoes only the statement that waited), for messages
 * @param lockTimeout a fixed {@code lock_timeout} for every statement (a migration's {@code lock-timeout}
 *        directive), or {@code null} for the wait policy of each statement's lock level
 * @param statementTimeout a fixed {@code statement_timeout} (zero: none), or {@code null} for the policy's
 */
public record Unit(String label, String script, MigrationInfo info, boolean transactional,
        @Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {
}
