package dev.tidemark.migration;

/**
 * What a deployment says about its fleet, which decides when the registry counts as evidence that no
 * older code runs (the README, "Phases and releases": rule 4, Evidence, and "Deployment shapes").
 */
public enum FleetExpectation {

    /**
     * The registry decides. Another instance's row, live or gone (a clean deregistration or a stale
     * heartbeat) within the evidence retention, proves that the fleet registers, and then every live
     * instance must run a release before its MIGRATE and CONTRACT apply. A registry that has never seen
     * another instance proves nothing: only code strictly newer than a release applies its gated work.
     */
    AUTO,

    /**
     * This deployment only ever runs one instance (a single replica, or a recreate strategy that stops the
     * old one first). Gated work of this instance's own release applies once no older instance is live and
     * this one has been up for the settle delay, which leaves time to roll a bad release back first.
     */
    SINGLE

}
