package dev.tidemark.migration;

import org.jspecify.annotations.Nullable;

/**
 * A statement of a migration failed. For a transactional migration nothing of it remains and the next
 * run retries it; for a non-transactional one the statements before it stay applied and the next run
 * continues with the failed statement.
 */
public class StatementFailedException extends TidemarkException {

    private final String script;

    private final int line;

    private final @Nullable String sqlState;

    /**
     * Creates the exception.
     * @param script the file or Java class of the migration
     * @param line the 1-based line where the failed statement starts, 0 for a Java migration
     * @param sqlState the SQL state PostgreSQL reported, if any
     * @param message the full message
     * @param cause the driver's exception
     */
    public StatementFailedException(String script, int line, @Nullable String sqlState, String message,
            @Nullable Throwable cause) {
        super(ErrorCode.STATEMENT_FAILED, message, cause);
        this.script = script;
        this.line = line;
        this.sqlState = sqlState;
    }

    /** The file or Java class of the migration. */
    public String script() {
        return this.script;
    }

    /** The 1-based line where the failed statement starts, 0 for a Java migration. */
    public int line() {
        return this.line;
    }

    /** The SQL state PostgreSQL reported, e.g. {@code 42P01}, if any. */
    public @Nullable String sqlState() {
        return this.sqlState;
    }

}
