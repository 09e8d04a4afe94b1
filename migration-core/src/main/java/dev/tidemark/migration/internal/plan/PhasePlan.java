package dev.tidemark.migration.internal.plan;

import java.util.List;
import java.util.Set;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationPlan;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.state.MigrationCatalog;

/**
 * The planner's answer: the public {@link MigrationPlan} plus what the run needs to execute it.
 *
 * @param plan the plan as the API shows it
 * @param catalog the migrations and history it was made from
 * @param toApply the migrations to apply now, in version order
 * @param overridden the versions among {@code toApply} that the gating rules would have deferred, applied
 *        only because the run was forced
 * @param infos every migration with its state and deferral reason, as {@code info()} shows them
 */
public record PhasePlan(MigrationPlan plan, MigrationCatalog catalog, List<ResolvedMigration> toApply, Set<Version> overridden,
        List<MigrationInfo> infos) {

    /** Creates the plan with immutable copies of the collections. */
    public PhasePlan {
        toApply = List.copyOf(toApply);
        overridden = Set.copyOf(overridden);
        infos = List.copyOf(infos);
    }

}
