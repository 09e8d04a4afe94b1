package dev.tidemark.migration;

/**
 * What the safety linter does with the pending migrations before a run applies anything.
 */
public enum LintMode {

    /** Findings of severity {@link LintSeverity#ERROR} stop the run with a {@link LintFailedException}; warnings are logged. */
    FAIL,

    /** Every finding is logged as a warning; nothing stops. */
    WARN,

    /** The pending migrations are not linted. */
    OFF

}
