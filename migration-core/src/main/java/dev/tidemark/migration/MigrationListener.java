package dev.tidemark.migration;

import java.time.Duration;

/**
 * Receives lifecycle events from Tidemark; every method is optional. Listeners are called on the
 * migrating thread, so they must be quick and thread-safe, and an exception they throw is logged and
 * ignored rather than allowed to disturb a migration.
 */
public interface MigrationListener {

    /**
     * A run starts: it reads the history and the fleet, plans, and applies what the plan allows. The
     * migration events of the run come between this and exactly one of {@link #runSucceeded},
     * {@link #runSkipped} or {@link #runFailed}, all on the same thread.
     */
    default void runStarted(RunTrigger trigger) {
    }

    /** A run ended normally, having applied what {@code result} lists (possibly nothing). */
    default void runSucceeded(RunTrigger trigger, MigrateResult result, Duration took) {
    }

    /**
     * A run ended without applying anything because another instance held the migration lock; only a
     * {@link RunTrigger#RECONCILE reconciliation pass} skips, the next pass tries again.
     * @param reason what held it, in words
     */
    default void runSkipped(RunTrigger trigger, String reason, Duration took) {
    }

    /** A run failed: a migration, the lock or the database. */
    default void runFailed(RunTrigger trigger, TidemarkException error, Duration took) {
    }

    /** The instance started waiting for the migration lock. */
    default void lockWaitStarted() {
    }

    /** The wait for the migration lock ended, either holding it or giving up. */
    default void lockWaitEnded(Duration waited, boolean acquired) {
    }

    /** A migration is about to run. */
    default void migrationStarted(MigrationInfo migration) {
    }

    /** A migration completed and was recorded in the history. */
    default void migrationSucceeded(MigrationInfo migration, Duration took) {
    }

    /**
     * A migration completed and was recorded in the history; by default calls
     * {@link #migrationSucceeded(MigrationInfo, Duration)}.
     * @param took how long it ran, from its first attempt to its history row, retries and their pauses included
     * @param attempts how many attempts it took: more than 1 when statements gave up on their locks and were retried
     */
    default void migrationSucceeded(MigrationInfo migration, Duration took, int attempts) {
        migrationSucceeded(migration, took);
    }

    /**
     * A migration that was about to run waits after all: the last check of the fleet, made under the
     * migration lock right before its first statement, found an instance of older code. Nothing of it ran.
     */
    default void migrationDeferred(MigrationInfo migration, String reason) {
    }

    /** A migration failed; for transactional migrations nothing of it remains. */
    default void migrationFailed(MigrationInfo migration, Duration took, TidemarkException error) {
    }

    /**
     * A statement timed out on its table lock (SQLSTATE 55P03) or was cancelled because application
     * sessions queued behind it; the migration will be retried after the given pause.
     */
    default void lockTimeoutRetry(MigrationInfo migration, int attempt, Duration backoff) {
    }

    /**
     * A statement waited for a table lock for the given time and then got it; called once per statement
     * that waited.
     * @param blockedSessions the most application sessions seen queued behind the statement at once
     */
    default void statementLockWaited(MigrationInfo migration, Duration waited, int blockedSessions) {
    }

    /**
     * A statement gave up waiting for a table lock: its {@code lock_timeout} expired, or the lock
     * watchdog cancelled it because application sessions queued behind it. A
     * {@link #lockTimeoutRetry lockTimeoutRetry} follows unless the retries are exhausted.
     * @param waited how long it waited
     * @param blockedSessions the most application sessions seen queued behind the statement at once
     * @param cancelled whether the watchdog cancelled it (rather than its {@code lock_timeout} expiring)
     */
    default void statementLockTimedOut(MigrationInfo migration, Duration waited, int blockedSessions,
            boolean cancelled) {
    }

    /** The states of all known migrations were (re)computed, e.g. after a run or a re-plan. */
    default void migrationsCounted(int pending, int deferred, int failed) {
    }

}
