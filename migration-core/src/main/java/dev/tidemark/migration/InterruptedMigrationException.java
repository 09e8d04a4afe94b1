package dev.tidemark.migration;

/**
 * A non-transactional migration was interrupted (its process died) while a statement ran, and Tidemark
 * cannot tell whether that statement completed, so it refuses to go on rather than guess. The message
 * names the statement, what to look at in the database, and how to repair the file so that the next run
 * continues.
 */
public class InterruptedMigrationException extends TidemarkException {

    private final String script;

    private final int line;

    /**
     * Creates the exception.
     * @param script the file of the migration
     * @param line the 1-based line of the statement that may or may not have completed
     * @param message the full message: which statement, what to check, how to repair
     */
    public InterruptedMigrationException(String script, int line, String message) {
        super(ErrorCode.MIGRATION_INTERRUPTED, message);
        this.script = script;
        this.line = line;
    }

    /** The file of the migration. */
    public String script() {
        return this.script;
    }

    /** The 1-based line of the statement that may or may not have completed. */
    public int line() {
        return this.line;
    }

}
