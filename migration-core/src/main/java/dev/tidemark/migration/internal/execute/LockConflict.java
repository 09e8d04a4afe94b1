package dev.tidemark.migration.internal.execute;

import java.sql.SQLException;
import java.util.List;

/**
 * A statement gave up on a lock: its {@code lock_timeout} expired (SQLSTATE 55P03) or the watchdog
 * cancelled it because application sessions queued behind it. Never leaves the executor: the retry
 * loop catches it, and turns the last one into a
 * {@link dev.tidemark.migration.LockTimeoutRetriesExhaustedException}.
 */
final class LockConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    private final String statement;

    private final boolean cancelled;

    private final transient List<Blocker> blockers;

    private final SQLException sqlException;

    LockConflict(int line, String statement, boolean cancelled, List<Blocker> blockers, SQLException cause) {
        super(cause.getMessage(), cause, false, false);
        this.sqlException = cause;
        this.line = line;
        this.statement = statement;
        this.cancelled = cancelled;
        this.blockers = List.copyOf(blockers);
    }

    /** The failure PostgreSQL reported: the lock timeout or the cancel. */
    SQLException sqlException() {
        return this.sqlException;
    }

    /** The 1-based line of the statement, 0 for a Java migration. */
    int line() {
        return this.line;
    }

    /** The statement, abbreviated for messages. */
    String statement() {
        return this.statement;
    }

    /** Whether the watchdog cancelled it rather than its lock_timeout expiring. */
    boolean cancelled() {
        return this.cancelled;
    }

    /** The sessions that blocked it, as the watchdog last saw them; empty if it never saw the wait. */
    List<Blocker> blockers() {
        return this.blockers;
    }

}
