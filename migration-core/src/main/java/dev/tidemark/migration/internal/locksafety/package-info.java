/**
 * Internal: how a statement waits for its locks without stalling the application, shared by everything that
 * runs SQL against application tables (migrations, backfills). Per run one {@link
 * dev.tidemark.migration.internal.locksafety.LockSafety} (settings, listener, the lock watchdog); per unit of
 * work, e.g. one migration, one {@link dev.tidemark.migration.internal.locksafety.LockWaits} (its retry
 * budget and its adaptive {@code lock_timeout}); per attempt one
 * {@link dev.tidemark.migration.internal.locksafety.StatementRunner}, which runs each statement under the
 * wait policy of its lock level and turns a lock conflict into a
 * {@link dev.tidemark.migration.internal.locksafety.LockConflict}; the caller then asks the
 * {@code LockWaits} to pause before it tries again:
 * <pre>
 * LockWaits waits = lockSafety.start(connection, unit);
 * while (true) {
 *     try (StatementRunner runner = waits.runner(false)) {
 *         runner.run(statement);
 *         break;
 *     }
 *     catch (LockConflict conflict) {
 *         waits.retryAfter(conflict); // pauses, or throws LockTimeoutRetriesExhaustedException
 *     }
 * }
 * </pre>
 */
@NullMarked
package dev.tidemark.migration.internal.locksafety;

import org.jspecify.annotations.NullMarked;
