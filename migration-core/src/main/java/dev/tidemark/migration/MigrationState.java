package dev.tidemark.migration;

/**
 * Where a migration stands in this database.
 */
public enum MigrationState {

    /** Not applied yet, and allowed to run now. */
    PENDING,

    /** Not applied yet, and waiting for the fleet or for newer code; see the deferral reason. */
    DEFERRED,

    /** Applied successfully. */
    APPLIED,

    /** Its last attempt failed part-way (non-transactional migrations only); the next run repairs and retries it. */
    FAILED,

    /**
     * Being applied right now: a non-transactional migration part-way through its statements, or a CONTRACT
     * in its transaction; {@link MigrationInfo#progress()} says how far and by whom.
     */
    RUNNING,

    /**
     * Its process died (or lost its database session) while applying it; the next run resumes at the first
     * statement not known to be complete, or says which statement to check. {@link MigrationInfo#progress()}
     * says how far it got.
     */
    INTERRUPTED,

    /** Applied, but no longer present in the configured locations. */
    MISSING

}
