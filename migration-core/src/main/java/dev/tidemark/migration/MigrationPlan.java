package dev.tidemark.migration;

import java.util.List;

/**
 * What a run would do, decided before anything executes: the migrations it would apply now, in order,
 * and those that wait, each with its reason in words. A value: print it, log it, return it from an API.
 *
 * @param codeVersion the code version the plan was made for
 * @param fleet the live instances the plan took into account
 * @param toApply the migrations that would be applied now, in order
 * @param deferred the migrations that wait; {@link MigrationInfo#deferralReason()} says why
 */
public record MigrationPlan(Version codeVersion, List<FleetInstance> fleet, List<MigrationInfo> toApply,
        List<MigrationInfo> deferred) {

    /** Creates the plan with immutable copies of the lists. */
    public MigrationPlan {
        fleet = List.copyOf(fleet);
        toApply = List.copyOf(toApply);
        deferred = List.copyOf(deferred);
    }

}
