package dev.tidemark.migration;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception Tidemark throws. Each carries an {@link ErrorCode}; the message names the
 * migration, file and line where known, and says what to do next.
 */
public class TidemarkException extends RuntimeException {

    private final ErrorCode errorCode;

    /** Creates an exception with the given code and message. */
    public TidemarkException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    /** Creates an exception with the given code, message and cause. */
    public TidemarkException(ErrorCode errorCode, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** What went wrong, as a stable code. */
    public ErrorCode errorCode() {
        return this.errorCode;
    }

}
