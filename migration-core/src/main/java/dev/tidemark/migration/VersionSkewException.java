package dev.tidemark.migration;

/**
 * This instance's code is older than the schema: a CONTRACT migration of a newer release was applied, or
 * has begun, so the shape this code expects is gone or about to go. The instance must not start.
 */
public class VersionSkewException extends TidemarkException {

    private final Version codeVersion;

    private final MigrationInfo contracted;

    /**
     * Creates the exception.
     * @param codeVersion the code version of this instance
     * @param contracted the applied CONTRACT migration whose release is newer than the code
     */
    public VersionSkewException(Version codeVersion, MigrationInfo contracted) {
        super(ErrorCode.VERSION_SKEW, "This instance runs code version " + codeVersion + ", but " + contracted.label()
                + " (" + contracted.script() + ") of release " + contracted.release() + " " + what(contracted)
                + ": the schema has moved past what this code can run against. Deploy release "
                + contracted.release() + " or newer.");
        this.codeVersion = codeVersion;
        this.contracted = contracted;
    }

    private static String what(MigrationInfo contracted) {
        return switch (contracted.state()) {
            case APPLIED -> "was already applied"
                    + ((contracted.installedOn() != null) ? " on " + contracted.installedOn() : "");
            case RUNNING -> "is being applied right now"
                    + ((contracted.progress() != null) ? " (" + contracted.progress() + ")" : "");
            default -> "was partly applied" + ((contracted.progress() != null) ? " (" + contracted.progress() + ")" : "");
        };
    }

    /** The code version of this instance. */
    public Version codeVersion() {
        return this.codeVersion;
    }

    /** The applied CONTRACT migration that this code predates. */
    public MigrationInfo contracted() {
        return this.contracted;
    }

}
