package dev.tidemark.migration.internal.sql;

/**
 * A script cannot be split into statements because a literal, a quoted identifier, a comment, a
 * parenthesis or a {@code BEGIN ATOMIC} body is never closed. The message names the construct and the
 * line where it started (for example {@code unterminated dollar-quoted string $body$ starting at line
 * 12}); it does not name the file, which the caller knows and adds.
 */
public final class SqlSyntaxException extends Exception {

    /** The 1-based line where the unclosed construct started. */
    private final int line;

    /**
     * Creates the exception.
     * @param message what is unclosed and where it started, without the file name
     * @param line the 1-based line where the unclosed construct started
     */
    public SqlSyntaxException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line where the unclosed construct started. */
    public int line() {
        return this.line;
    }

}
