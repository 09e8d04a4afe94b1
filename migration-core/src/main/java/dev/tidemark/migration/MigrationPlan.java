package dev.tidemark.migration;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a run would do, decided before anything executes: the migrations it would apply now, in order and
 * as they would run (transaction mode, statements with the lock each takes), and those that wait, each
 * with its reason in words. A value: print it ({@link #describe()}), log it, return it from an API.
 *
 * @param codeVersion the code version the plan was made for
 * @param fleet the live instances the plan took into account
 * @param toApply the migrations that would be applied now, in order
 * @param deferred the migrations that wait; {@link MigrationInfo#deferralReason()} says why
 */
public record MigrationPlan(Version codeVersion, List<FleetInstance> fleet, List<PlannedMigration> toApply,
        List<MigrationInfo> deferred) {

    private static final int STATEMENT_WIDTH = 100;

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
     *     V3 expand "add full name" (release 2.0.0, 2.0.0/V3__expand__add_full_name.sql), in one transaction:
     *       line 1, ACCESS EXCLUSIVE (blocks reads and writes): ALTER TABLE customers ADD COLUMN full_name text
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
        this.toApply.forEach((planned) -> describe(text, planned));
        text.append("\n  deferred:");
        if (this.deferred.isEmpty()) {
            text.append(" nothing");
        }
        this.deferred.forEach((info) -> text.append("\n    ").append(info.label()).append(" (release ")
            .append(info.release()).append("): ").append(info.deferralReason()));
        return text.toString();
    }

    private static void describe(StringBuilder text, PlannedMigration planned) {
        MigrationInfo info = planned.migration();
        text.append("\n    ").append(info.label()).append(" (release ").append(info.release()).append(", ")
            .append(info.script()).append("), ")
            .append(planned.transactional() ? "in one transaction" : "outside a transaction, statement by statement");
        if (planned.note() != null) {
            text.append("; ").append(planned.note());
        }
        if (planned.statements().isEmpty()) {
            text.append(": Java migration");
            return;
        }
        text.append(':');
        if (planned.resumeAt() > 0) {
            text.append("\n      resumes at statement ").append(planned.resumeAt() + 1).append(" of ")
                .append(planned.statements().size()).append(": the statements before it completed in an earlier run");
        }
        for (PlannedStatement statement : planned.statements().subList(planned.resumeAt(), planned.statements().size())) {
            text.append("\n      line ").append(statement.line()).append(", ").append(statement.lockLevel().describe())
                .append(": ").append(oneLine(statement.sql()));
        }
    }

    private static String oneLine(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return (flat.length() > STATEMENT_WIDTH) ? flat.substring(0, STATEMENT_WIDTH - 3) + "..." : flat;
    }

}
