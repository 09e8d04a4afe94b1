package dev.tidemark.migration;

/**
 * What started a migration run, as {@link MigrationListener}s see it.
 */
public enum RunTrigger {

    /** The startup step, {@link Tidemark#expand()}: EXPAND only, before the application serves. */
    STARTUP,

    /** A pass of the background reconciler: whatever the fleet now allows, under the migration lock if it is free. */
    RECONCILE,

    /** An explicit request: {@link Tidemark#migrate()}, {@link Tidemark#reconcile()}, {@code applyDeferred(null)}. */
    REQUEST,

    /** A forced request, {@code applyDeferred(reason)}: gated work applied whatever the fleet runs. */
    FORCED

}
