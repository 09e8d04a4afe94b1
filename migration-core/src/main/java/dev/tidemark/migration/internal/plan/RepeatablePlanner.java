package dev.tidemark.migration.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationPlan;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.PlannedMigration;
import dev.tidemark.migration.PlannedStatement;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.LockClassifier;

/**
 * Which repeatable migrations ({@code R__description.sql}) a run applies, as Flyway does: each one never
 * applied, or whose checksum differs from the one its last row recorded, after the versioned migrations of
 * the run, in order of description. A repeatable migration is an EXPAND of the baseline release: it runs at
 * startup like any EXPAND, must work with old and new code alike, and is never gated on the fleet. Pure;
 * thread-safe.
 */
public final class RepeatablePlanner {

    private RepeatablePlanner() {
    }

    /**
     * The steps for the repeatable migrations that must be applied.
     * @param repeatable the repeatable migrations of the locations, sorted by description
     * @param lastRows the last history row of each repeatable migration, by description
     */
    public static List<PlanStep> plan(List<ResolvedMigration> repeatable, Map<String, AppliedMigration> lastRows) {
        List<PlanStep> steps = new ArrayList<>();
        for (ResolvedMigration migration : repeatable) {
            AppliedMigration last = lastRows.get(migration.description());
            if (last != null && migration.checksumMatches(last.checksum())) {
                continue;
            }
            MigrationInfo info = new MigrationInfo(migration.version(), migration.description(), migration.phase(),
                    migration.release(), migration.script(), migration.checksum(), MigrationState.PENDING, null, null, null,
                    null, null, null, null, null);
            List<PlannedStatement> statements = migration.statements().stream()
                .map((statement) -> new PlannedStatement(statement.line(), statement.sql(), LockClassifier.levelOf(statement)))
                .toList();
            String note = (last == null) ? null : "applied again: its checksum changed from " + last.checksum();
            steps.add(new PlanStep(new PlannedMigration(info, migration.transactional(), statements, 0, note), migration,
                    null, false, false));
        }
        return steps;
    }

    /** The plan with the repeatable migrations' steps after its versioned ones. */
    public static PhasePlan after(PhasePlan plan, List<PlanStep> repeatable) {
        if (repeatable.isEmpty()) {
            return plan;
        }
        List<PlanStep> steps = new ArrayList<>(plan.steps());
        steps.addAll(repeatable);
        MigrationPlan shown = plan.plan();
        return new PhasePlan(new MigrationPlan(shown.codeVersion(), shown.fleet(),
                steps.stream().map(PlanStep::planned).toList(), shown.deferred()), plan.catalog(), steps, plan.infos());
    }

}
