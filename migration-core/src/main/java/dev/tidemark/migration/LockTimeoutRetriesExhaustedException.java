package dev.tidemark.migration;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A migration's statements kept giving up on their table locks ({@code lock_timeout}, SQLSTATE 55P03, or a
 * cancel because application sessions queued behind them) until the retries ran out. The message names
 * the sessions that blocked it and what was left applied.
 */
public class LockTimeoutRetriesExhaustedException extends TidemarkException {

    private final String script;

    private final int attempts;

    private final List<String> blockers;

    /**
     * Creates the exception, composing its message from the parts.
     * @param migration the migration's label, e.g. {@code V12 expand "add full name"}
     * @param script the file of the migration
     * @param attempts how many attempts were made
     * @param elapsed how long they took, pauses included
     * @param line the 1-based line of the statement that waited, 0 for a Java migration
     * @param statement that statement
     * @param reason how its last attempt ended, e.g. {@code timed out waiting for a lock (lock_timeout 2000 ms)}
     * @param blockers a description of each blocking session (pid, application_name, state, duration, query)
     * @param consequence what is left applied
     * @param cause the last lock timeout
     */
    public LockTimeoutRetriesExhaustedException(String migration, String script, int attempts, Duration elapsed,
            int line, String statement, String reason, List<String> blockers, String consequence,
            @Nullable Throwable cause) {
        super(ErrorCode.LOCK_TIMEOUT_RETRIES_EXHAUSTED, migration + " (" + script + ") gave up after " + attempts
                + " attempt(s) in " + elapsed.toMillis() + " ms: the statement at line " + line + " ("
                + StatementFailedException.abbreviate(statement) + ") " + reason + " every time.\n    Blocked by "
                + (blockers.isEmpty() ? "sessions that ended before they could be identified" : String.join("; ", blockers))
                + ".\n    " + consequence + " Let the blocking session(s) finish or end them (SELECT "
                + "pg_terminate_backend(<pid>)), then run again; or raise lockRetries / lockRetryMaxDuration, or the "
                + "migration's lock-timeout directive.", cause);
        this.script = script;
        this.attempts = attempts;
        this.blockers = List.copyOf(blockers);
    }

    /** The file of the migration. */
    public String script() {
        return this.script;
    }

    /** How many attempts were made. */
    public int attempts() {
        return this.attempts;
    }

    /** A description of each session that blocked the last attempt. */
    public List<String> blockers() {
        return this.blockers;
    }

}
