package dev.tidemark.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A migration's statements kept timing out on their table locks ({@code lock_timeout}, SQLSTATE 55P03)
 * until the retries ran out. Nothing of the migration was applied; the message names the sessions that
 * blocked it.
 */
public class LockTimeoutRetriesExhaustedException extends TidemarkException {

    private final String script;

    private final int attempts;

    private final List<String> blockers;

    /**
     * Creates the exception.
     * @param script the file of the migration
     * @param attempts how many attempts were made
     * @param blockers a description of each blocking session (pid, application_name, state, duration, query)
     * @param message the full message
     * @param cause the last lock timeout
     */
    public LockTimeoutRetriesExhaustedException(String script, int attempts, List<String> blockers, String message,
            @Nullable Throwable cause) {
        super(ErrorCode.LOCK_TIMEOUT_RETRIES_EXHAUSTED, message, cause);
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
