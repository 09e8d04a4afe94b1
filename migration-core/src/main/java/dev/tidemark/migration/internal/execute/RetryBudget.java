package dev.tidemark.migration.internal.execute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.LockTimeoutRetriesExhaustedException;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.LockSafetySettings;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;

/**
 * The retry budget of one migration: counts failed attempts, pauses between them and, when no
 * attempt may follow, throws {@link LockTimeoutRetriesExhaustedException} naming the blockers. Not
 * thread-safe: one per migration run.
 */
final class RetryBudget {

    private static final Logger logger = LoggerFactory.getLogger(RetryBudget.class);

    private final ResolvedMigration migration;

    private final MigrationInfo info;

    private final LockSafetySettings settings;

    private final MigrationListener listener;

    private final StatementRunner.LockPolicy policy;

    private final LockRetryBackoff backoff;

    private final List<Blocker> blockers = new ArrayList<>();

    private int failed;

    RetryBudget(ResolvedMigration migration, MigrationInfo info, LockSafetySettings settings,
            MigrationListener listener, StatementRunner.LockPolicy policy) {
        this.migration = migration;
        this.info = info;
        this.settings = settings;
        this.listener = listener;
        this.policy = policy;
        this.backoff = LockRetryBackoff.startingNow(settings.retryBackoff(), settings.retryMaxBackoff(),
                settings.retries(), settings.retryMaxDuration());
    }

    /** How many attempts have started: the failed ones and the one running now. */
    int attempts() {
        return this.failed + 1;
    }

    void failed(LockConflict conflict) {
        this.failed++;
        if (!conflict.blockers().isEmpty()) {
            this.blockers.clear();
            this.blockers.addAll(conflict.blockers());
        }
        Optional<Duration> pause = this.backoff.next(this.failed);
        if (pause.isEmpty()) {
            throw exhausted(conflict);
        }
        logger.warn("{} ({} line {}) {}; attempt {} of at most {} rolled back{}, next attempt in {} ms. Blocked by {}",
                this.migration.label(), this.migration.script(), conflict.line(), reason(conflict), this.failed,
                this.settings.retries(),
                this.migration.transactional() ? "" : " (this statement only)", pause.get().toMillis(),
                LockWatchdog.describeAll(this.blockers));
        this.listener.lockTimeoutRetry(this.info, this.failed, pause.get());
        try {
            this.backoff.sleep(pause.get());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Interrupted while waiting to retry "
                    + this.migration.label() + " after a lock timeout; " + (this.migration.transactional()
                            ? "nothing of it was applied" : "the next run continues with the statement that waited"),
                    ex);
        }
    }

    private String reason(LockConflict conflict) {
        return conflict.cancelled()
                ? "was cancelled while waiting for a lock because application sessions queued behind it"
                : "timed out waiting for a lock (lock_timeout " + this.policy
                    .lockTimeout(this.migration).toMillis() + " ms)";
    }

    private LockTimeoutRetriesExhaustedException exhausted(LockConflict conflict) {
        return new LockTimeoutRetriesExhaustedException(this.migration.label(), this.migration.script(), this.failed,
                this.backoff.elapsed(), conflict.line(), conflict.statement(), reason(conflict),
                this.blockers.stream().map(Blocker::describe).toList(),
                this.migration.transactional() ? "The migration was rolled back: nothing of it was applied or recorded."
                        : "It runs outside a transaction: the statements before this one stay applied and the next "
                                + "run continues with this statement.",
                conflict.sqlException());
    }

}
