package dev.tidemark.migration.internal.execute;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.plan.PlanStep;

/**
 * The last check before a gated migration's first statement: asked under the migration lock, after the
 * migration's running row is visible to other instances, so that an instance of older code either
 * registered before the check (and the migration waits) or sees the running row when it starts (and
 * refuses to start).
 */
@FunctionalInterface
public interface StepGate {

    /**
     * Checks a gated step once more.
     * @return why it must wait now, or {@code null} when it may run
     */
    @Nullable String recheck(PlanStep step) throws SQLException;

}
