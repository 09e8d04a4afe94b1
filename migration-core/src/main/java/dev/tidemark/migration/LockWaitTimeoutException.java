package dev.tidemark.migration;

/**
 * Another instance held the migration lock for longer than the configured wait. The message names the
 * holding session (pid, application_name, since when).
 */
public class LockWaitTimeoutException extends TidemarkException {

    /** Creates the exception with a message that names the holder and the next step. */
    public LockWaitTimeoutException(String message) {
        super(ErrorCode.LOCK_WAIT_TIMEOUT, message);
    }

}
