package dev.tidemark.migration.internal.locksafety;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A statement gave up on a lock: its {@code lock_timeout} expired (SQLSTATE 55P03) or the watchdog
 * cancelled it because application sessions queued behind it. The caller undoes the attempt (rolls its
 * transaction back, or repairs what the statement left) and hands it to {@link LockWaits#retryAfter}, which
 * pauses or, when no attempt may follow, turns it into a
 * {@link dev.tidemark.migration.LockTimeoutRetriesExhaustedException}.
 */
public final class LockConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    private final String statement;

    private final boolean cancelled;

    private final Duration lockTimeout;

    private final transient StatementWatch.Report seen;

    private final SQLException sqlException;

    LockConflict(int line, String statement, boolean cancelled, Duration lockTimeout, StatementWatch.Report seen,
            SQLException cause) {
        super(cause.getMessage(), cause, false, false);
        this.sqlException = cause;
        this.line = line;
        this.statement = statement;
        this.cancelled = cancelled;
        this.lockTimeout = lockTimeout;
        this.seen = seen;
    }

    /** The failure PostgreSQL reported: the lock timeout or the cancel. */
    public SQLException sqlException() {
        return this.sqlException;
    }

    /** The 1-based line of the statement, 0 for a Java migration. */
    public int line() {
        return this.line;
    }

    /** The statement, abbreviated for messages. */
    public String statement() {
        return this.statement;
    }

    /** Whether the watchdog cancelled it rather than its lock_timeout expiring. */
    boolean cancelled() {
        return this.cancelled;
    }

    /** The {@code lock_timeout} it ran under. */
    Duration lockTimeout() {
        return this.lockTimeout;
    }

    /** The sessions that blocked it, as the watchdog last saw them; empty if it never saw the wait. */
    List<Blocker> blockers() {
        return this.seen.blockers();
    }

    /** The lock it waited for, if the watchdog saw the wait. */
    @Nullable LockTarget target() {
        return this.seen.target();
    }

    /** Whether the watchdog saw the wait and nobody queued behind it: the next attempt may wait longer. */
    boolean quiet() {
        return this.seen.quiet() && !this.cancelled;
    }

}
