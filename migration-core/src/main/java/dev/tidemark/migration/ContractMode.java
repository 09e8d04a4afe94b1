package dev.tidemark.migration;

/**
 * How deferred MIGRATE and CONTRACT work gets applied once the fleet allows it.
 */
public enum ContractMode {

    /** A running instance re-plans on the reconciliation interval and applies what became allowed. */
    AUTOMATIC,

    /** Deferred work is applied only by an explicit call, such as the Actuator write operation. */
    MANUAL

}
