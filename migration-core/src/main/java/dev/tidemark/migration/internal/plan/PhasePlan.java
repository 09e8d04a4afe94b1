package dev.tidemark.migration.internal.plan;

import java.util.List;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationPlan;
import dev.tidemark.migration.internal.state.MigrationCatalog;

/**
 * The planner's answer: the public {@link MigrationPlan} plus what the run needs to execute it.
 *
 * @param plan the plan as the API shows it
 * @param catalog the migrations and history it was made from
 * @param steps the migrations to apply now, in version order, each with what its execution needs
 * @param infos every migration with its state and deferral reason, as {@code info()} shows them
 */
public record PhasePlan(MigrationPlan plan, MigrationCatalog catalog, List<PlanStep> steps, List<MigrationInfo> infos) {

    /** Creates the plan with immutable copies of the lists. */
    public PhasePlan {
        steps = List.copyOf(steps);
        infos = List.copyOf(infos);
    }

}
