package dev.tidemark.migration.internal.plan;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.PlannedMigration;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.Outcome;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;

/**
 * One migration of a plan, with everything its execution needs: the migration, how it runs (as the
 * printed plan shows it: transaction mode, statements with their lock levels, resume point, note), and
 * the earlier attempt it continues.
 *
 * @param planned the migration as it will run
 * @param migration the resolved migration (its statements, its Java code, its directives)
 * @param previousAttempt the unfinished history row of an earlier attempt (failed or interrupted), if any
 * @param gated whether the phase rules gate it on the fleet (MIGRATE and CONTRACT)
 * @param overridesFleetGate whether it runs only because the run was forced past the fleet gate
 */
public record PlanStep(PlannedMigration planned, ResolvedMigration migration, @Nullable AppliedMigration previousAttempt,
        boolean gated, boolean overridesFleetGate) {

    /**
     * Whether the first statement to run may already have run: the earlier attempt's process died after
     * starting it and before recording its end.
     */
    public boolean resumesAfterACrash() {
        return this.previousAttempt != null && this.previousAttempt.outcome() == Outcome.INTERRUPTED;
    }

    /** The label for logs, e.g. {@code V12 expand "add full name"}. */
    public String label() {
        return this.migration.label();
    }

}
