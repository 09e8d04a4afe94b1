package dev.tidemark.migration;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a run would do, decided before anything executes: the migrations it would apply now, in order,
 * and those that wait, each with its reason in words. A value: print it ({@link #describe()}), log it,
 * return it from an API.
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

    /** Whether the plan applies nothing and defers nothing. */
    public boolean isEmpty() {
        return this.toApply.isEmpty() && this.deferred.isEmpty();
    }

    /**
     * The plan as lines an operator reads in a log, e.g.
     * <pre>
     * Plan for code version 2.0.0; live fleet: app-1 (1.0.0, heartbeat 3 s ago), app-2 (2.0.0, heartbeat 1 s ago)
     *   apply now:
     *     V3 expand "add full name" (release 2.0.0, 2.0.0/V3__expand__add_full_name.sql)
     *   deferred:
     *     V4 contract "drop name" (release 2.0.0): waiting until every instance runs &gt;= 2.0.0; still live below it: app-1 (1.0.0, heartbeat 3 s ago)
     * </pre>
     */
    public String describe() {
        StringBuilder text = new StringBuilder("Plan for code version ").append(this.codeVersion).append("; live fleet: ");
        text.append(this.fleet.isEmpty() ? "none registered" : this.fleet.stream()
            .map((instance) -> instance.host() + " (" + instance.codeVersion() + ", heartbeat "
                    + instance.heartbeatAge().toSeconds() + " s ago)")
            .collect(Collectors.joining(", ")));
        text.append("\n  apply now:");
        if (this.toApply.isEmpty()) {
            text.append(" nothing");
        }
        this.toApply.forEach((info) -> text.append("\n    ").append(info.label()).append(" (release ")
            .append(info.release()).append(", ").append(info.script()).append(')'));
        text.append("\n  deferred:");
        if (this.deferred.isEmpty()) {
            text.append(" nothing");
        }
        this.deferred.forEach((info) -> text.append("\n    ").append(info.label()).append(" (release ")
            .append(info.release()).append("): ").append(info.deferralReason()));
        return text.toString();
    }

}
