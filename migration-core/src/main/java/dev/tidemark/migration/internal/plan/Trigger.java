package dev.tidemark.migration.internal.plan;

/**
 * What asks for a plan; it decides which phases the run may apply.
 */
public enum Trigger {

    /** Startup ({@code expand()}): EXPAND migrations only, before the application serves. */
    STARTUP,

    /**
     * A tick of the background reconciler, and the dry run and info that show what it would do: every
     * phase by the gating rules in automatic contract mode; in manual mode MIGRATE and CONTRACT wait for
     * an explicit request even when the fleet allows them.
     */
    SCHEDULED,

    /** An explicit request ({@code reconcile()}, {@code applyDeferred(null)}, {@code migrate()}): every phase by the gating rules. */
    REQUESTED,

    /**
     * A forced request ({@code applyDeferred(reason)}): MIGRATE and CONTRACT migrations whose release this
     * code has reached are applied whatever the fleet runs; nothing of a newer release ever is.
     */
    FORCED

}
