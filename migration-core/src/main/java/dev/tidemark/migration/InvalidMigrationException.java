package dev.tidemark.migration;

import org.jspecify.annotations.Nullable;

/**
 * A migration could not be read: a malformed file name, an unknown phase, a bad directive, SQL that
 * does not split into statements, or a duplicate version. Raised before anything runs.
 */
public class InvalidMigrationException extends TidemarkException {

    private final String script;

    private final int line;

    /**
     * Creates the exception.
     * @param errorCode the code, {@link ErrorCode#INVALID_MIGRATION} or {@link ErrorCode#DUPLICATE_VERSION}
     * @param script the file (or Java class) at fault
     * @param line the 1-based line at fault, or 0 when the whole file is
     * @param problem what is wrong and what to do, without the file name
     * @param cause the underlying failure, if any
     */
    public InvalidMigrationException(ErrorCode errorCode, String script, int line, String problem,
            @Nullable Throwable cause) {
        super(errorCode, location(script, line) + ": " + problem, cause);
        this.script = script;
        this.line = line;
    }

    /** Creates an {@link ErrorCode#INVALID_MIGRATION} exception. */
    public InvalidMigrationException(String script, int line, String problem) {
        this(ErrorCode.INVALID_MIGRATION, script, line, problem, null);
    }

    /** The file (or Java class) at fault. */
    public String script() {
        return this.script;
    }

    /** The 1-based line at fault, or 0 when the problem concerns the whole file. */
    public int line() {
        return this.line;
    }

    private static String location(String script, int line) {
        return (line > 0) ? "Migration " + script + " (line " + line + ")" : "Migration " + script;
    }

}
