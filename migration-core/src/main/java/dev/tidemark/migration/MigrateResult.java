package dev.tidemark.migration;

import java.util.List;

/**
 * What one run applied and what it left waiting.
 *
 * @param applied the migrations this run applied, in order
 * @param deferred the migrations left waiting, each with its reason
 */
public record MigrateResult(List<MigrationInfo> applied, List<MigrationInfo> deferred) {

    /** Creates the result with immutable copies of the lists. */
    public MigrateResult {
        applied = List.copyOf(applied);
        deferred = List.copyOf(deferred);
    }

    /** How many migrations this run applied. */
    public int appliedCount() {
        return this.applied.size();
    }

}
