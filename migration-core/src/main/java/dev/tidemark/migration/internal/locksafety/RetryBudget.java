package dev.tidemark.migration.internal.locksafety;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.LockSafetySettings;
import dev.tidemark.migration.LockTimeoutRetriesExhaustedException;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.TidemarkException;

/**
 * The retry budget of one unit of work: counts failed attempts, lets the next attempt's {@code lock_timeout}
 * grow or not ({@link AdaptiveLockTimeout}), pauses between attempts ({@link LockRetryBackoff}, cut short by
 * {@link BlockerWatch} when what blocked the attempt is gone) and, when no attempt may follow, throws
 * {@link LockTimeoutRetriesExhaustedException} naming the blockers. Not thread-safe: one per unit.
 */
final class RetryBudget {

    private static final Logger logger = LoggerFactory.getLogger(RetryBudget.class);

    private final Connection connection;

    private final Unit unit;

    private final LockSafetySettings settings;

    private final MigrationListener listener;

    private final AdaptiveLockTimeout adaptive;

    private final LockRetryBackoff backoff;

    private final List<Blocker> blockers = new ArrayList<>();

    private @Nullable LockTarget target;

    private int targetLine = -1;

    // The transactions in the way at the last pause, and the lock they were in the way of.
    private @Nullable Set<String> inTheWay;

    private @Nullable LockTarget inTheWayOf;

    private int failed;

    RetryBudget(Connection connection, Unit unit, LockSafetySettings settings, MigrationListener listener,
            AdaptiveLockTimeout adaptive, LockRetryBackoff backoff) {
        this.connection = connection;
        this.unit = unit;
        this.settings = settings;
        this.listener = listener;
        this.adaptive = adaptive;
        this.backoff = backoff;
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
        LockTarget seen = conflict.target();
        if (seen != null) {
            this.target = seen;
            this.targetLine = conflict.line();
        }
        else if (this.targetLine != conflict.line()) {
            // What an earlier statement waited for says nothing about this one.
            this.target = null;
        }
        this.adaptive.afterConflict(conflict.quiet());
        Optional<Duration> pause = this.backoff.next(this.failed);
        if (pause.isEmpty()) {
            throw exhausted(conflict);
        }
        logger.warn("{} ({} line {}) {}; attempt {} of at most {} rolled back{}, next attempt in {} ms{}. Blocked by {}",
                this.unit.label(), this.unit.script(), conflict.line(), reason(conflict), this.failed,
                this.settings.retries(), this.unit.transactional() ? "" : " (this statement only)",
                pause.get().toMillis(), (this.target != null) ? " or as soon as the sessions in its way are gone" : "",
                Blocker.describeAll(this.blockers));
        this.listener.lockTimeoutRetry(this.unit.info(), this.failed, pause.get());
        try {
            LockTarget waitedFor = this.target;
            Set<String> earlier = (waitedFor != null && waitedFor.equals(this.inTheWayOf)) ? this.inTheWay : null;
            BlockerWatch.Pause paused = this.backoff.pause(this.connection, waitedFor, earlier, pause.get(),
                    this.settings.watchdogInterval());
            this.inTheWay = paused.inTheWay();
            this.inTheWayOf = waitedFor;
            if (paused.took().compareTo(pause.get()) < 0) {
                logger.info("{}: the sessions in its way are gone; attempt {} starts after {} ms instead of {} ms",
                        this.unit.label(), this.failed + 1, paused.took().toMillis(), pause.get().toMillis());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Interrupted while waiting to retry "
                    + this.unit.label() + " after a lock timeout; " + (this.unit.transactional()
                            ? "nothing of it was applied" : "the next run continues with the statement that waited"),
                    ex);
        }
    }

    private static String reason(LockConflict conflict) {
        return conflict.cancelled()
                ? "was cancelled while waiting for a lock because application sessions queued behind it"
                : "timed out waiting for a lock (lock_timeout " + conflict.lockTimeout().toMillis() + " ms)";
    }

    private LockTimeoutRetriesExhaustedException exhausted(LockConflict conflict) {
        return new LockTimeoutRetriesExhaustedException(this.unit.label(), this.unit.script(), this.failed,
                this.backoff.elapsed(), conflict.line(), conflict.statement(), reason(conflict),
                this.blockers.stream().map(Blocker::describe).toList(),
                this.unit.transactional() ? "The migration was rolled back: nothing of it was applied or recorded."
                        : "It runs outside a transaction: the statements before this one stay applied and the next "
                                + "run continues with this statement.",
                conflict.sqlException());
    }

}
