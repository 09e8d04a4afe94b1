package dev.tidemark.migration;

/**
 * An applied migration is no longer in the configured locations, so this code cannot vouch for the
 * schema it runs against. Raised by validation, before any DDL runs.
 */
public class MissingMigrationException extends TidemarkException {

    private final String script;

    /**
     * Creates the exception.
     * @param version the migration version
     * @param script the script recorded in the history
     * @param locations the locations searched
     */
    public MissingMigrationException(Version version, String script, String locations) {
        super(ErrorCode.MISSING_MIGRATION, "Migration " + script + " (version " + version + ") is recorded as applied in "
                + "the history but was not found in " + locations + ". Restore the file, or check that the locations "
                + "point at this application's migrations.");
        this.script = script;
    }

    /** The script recorded in the history. */
    public String script() {
        return this.script;
    }

}
