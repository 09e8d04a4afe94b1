package dev.tidemark.migration;

import org.jspecify.annotations.Nullable;

/**
 * A statement of a migration failed. For a transactional migration nothing of it remains and the next
 * run retries it; for a non-transactional one the statements before it stay applied and the next run
 * continues with the failed statement. The message says which, and what to do.
 */
public class StatementFailedException extends TidemarkException {

    private static final int STATEMENT_WIDTH = 200;

    private final String script;

    private final int line;

    private final @Nullable String sqlState;

    /**
     * Creates the exception, composing its message from the parts.
     * @param migration the migration's label, e.g. {@code V12 expand "add full name"}
     * @param script the file or Java class of the migration
     * @param line the 1-based line where the failed statement starts, 0 for a Java migration
     * @param sqlState the SQL state PostgreSQL reported, if any
     * @param error what went wrong, e.g. PostgreSQL's message
     * @param statement the failed statement, or {@code null} for a Java migration
     * @param consequence what the failure left behind and what to do next
     * @param cause the underlying exception
     */
    public StatementFailedException(String migration, String script, int line, @Nullable String sqlState, String error,
            @Nullable String statement, String consequence, @Nullable Throwable cause) {
        super(ErrorCode.STATEMENT_FAILED, migration + ((line > 0) ? " failed at " + script + " line " + line
                : " (" + script + ") failed") + ((sqlState != null) ? " (SQL state " + sqlState + ")" : "") + ": "
                + error + ((statement != null) ? "\n    Statement: " + abbreviate(statement) : "") + "\n    "
                + consequence, cause);
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

    /** A statement on one line, cut at 200 characters, as error messages quote it. */
    public static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return (flat.length() > STATEMENT_WIDTH) ? flat.substring(0, STATEMENT_WIDTH - 3) + "..." : flat;
    }

}
