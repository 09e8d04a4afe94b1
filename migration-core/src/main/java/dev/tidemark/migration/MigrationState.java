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

    /** Applied, but no longer present in the configured locations. */
    MISSING

}
