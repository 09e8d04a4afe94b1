package dev.tidemark.migration.internal.locksafety;

import java.sql.Connection;

import dev.tidemark.migration.LockSafetySettings;
import dev.tidemark.migration.MigrationListener;

/**
 * The lock waits of one unit of work (a migration, a backfill) across its attempts: hands out a
 * {@link StatementRunner} per attempt and, after a {@link LockConflict}, pauses before the next attempt or
 * gives up. Not thread-safe: the thread that runs the unit uses it.
 */
public final class LockWaits {

    private final Connection connection;

    private final int pid;

    private final Unit unit;

    private final LockWatchdog watchdog;

    private final MigrationListener listener;

    private final WaitPolicy policy;

    private final AdaptiveLockTimeout adaptive;

    private final RetryBudget budget;

    LockWaits(Connection connection, int pid, Unit unit, LockWatchdog watchdog, MigrationListener listener,
            LockSafetySettings settings) {
        this.connection = connection;
        this.pid = pid;
        this.unit = unit;
        this.watchdog = watchdog;
        this.listener = listener;
        this.policy = new WaitPolicy(settings, unit);
        this.adaptive = new AdaptiveLockTimeout(settings.initialLockTimeout(), settings.lockTimeout());
        this.budget = new RetryBudget(connection, unit, settings, listener, this.adaptive,
                LockRetryBackoff.startingNow(settings.retryBackoff(), settings.retryMaxBackoff(), settings.retries(),
                        settings.retryMaxDuration()));
    }

    /**
     * A runner for the statements of one attempt; close it when the attempt ends.
     * @param inTransaction whether the attempt is one transaction (its timeouts then end with it, and each
     *        statement waits under the policy of the strongest lock the transaction holds)
     */
    public StatementRunner runner(boolean inTransaction) {
        return new StatementRunner(this.connection, this.pid, this.unit, this.watchdog, this.listener, this.policy,
                this.adaptive, inTransaction);
    }

    /**
     * Counts a failed attempt and pauses before the next one, or throws when none may follow. Call it with the
     * attempt undone and the connection outside a transaction.
     * @throws dev.tidemark.migration.LockTimeoutRetriesExhaustedException when no attempt may follow
     */
    public void retryAfter(LockConflict conflict) {
        this.budget.failed(conflict);
    }

    /** How many attempts have started. */
    public int attempts() {
        return this.budget.attempts();
    }

}
