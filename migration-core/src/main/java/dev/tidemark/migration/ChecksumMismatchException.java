package dev.tidemark.migration;

/**
 * An applied migration was edited afterwards: its file no longer matches the checksum recorded when
 * it ran. Raised by validation, before any DDL runs.
 */
public class ChecksumMismatchException extends TidemarkException {

    private final String script;

    private final String appliedChecksum;

    private final String resolvedChecksum;

    /**
     * Creates the exception.
     * @param version the migration version
     * @param script the file that changed
     * @param appliedChecksum the checksum recorded in the history
     * @param resolvedChecksum the checksum of the file now
     */
    public ChecksumMismatchException(Version version, String script, String appliedChecksum, String resolvedChecksum) {
        super(ErrorCode.CHECKSUM_MISMATCH, "Migration " + script + " (version " + version + ") was changed after it "
                + "was applied: the history records checksum " + appliedChecksum + ", the file now has checksum "
                + resolvedChecksum + ". Applied migrations are immutable: restore the file as it was applied and put "
                + "the change into a new migration with the next free version.");
        this.script = script;
        this.appliedChecksum = appliedChecksum;
        this.resolvedChecksum = resolvedChecksum;
    }

    /** The file that changed. */
    public String script() {
        return this.script;
    }

    /** The checksum recorded in the history. */
    public String appliedChecksum() {
        return this.appliedChecksum;
    }

    /** The checksum of the file now. */
    public String resolvedChecksum() {
        return this.resolvedChecksum;
    }

}
