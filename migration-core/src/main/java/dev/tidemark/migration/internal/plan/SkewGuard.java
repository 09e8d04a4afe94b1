package dev.tidemark.migration.internal.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.VersionSkewException;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.Outcome;
import dev.tidemark.migration.internal.state.MigrationCatalog;

/**
 * The version-skew rule, as a pure function of the history: code must not start on a schema that a
 * CONTRACT of a newer release has moved past it. Decided on the history rows, not the files, because
 * older code does not have the newer release's files. A CONTRACT counts once it has begun: applied,
 * running (its row is written before its first statement, so an instance that registers and then checks
 * cannot miss it), or stopped part-way with statements applied. Stateless.
 */
public final class SkewGuard {

    private SkewGuard() {
    }

    /**
     * Refuses when the schema is ahead of the code.
     * @param rows the history, with the rows of dead sessions marked {@link Outcome#INTERRUPTED}
     * @param codeVersion this instance's code version
     * @throws VersionSkewException naming the newest such CONTRACT
     */
    public static void check(List<AppliedMigration> rows, Version codeVersion) {
        Optional<AppliedMigration> contracted = rows.stream()
            .filter((row) -> row.phase() == Phase.CONTRACT && row.release().compareTo(codeVersion) > 0 && begun(row))
            .max(Comparator.comparing(AppliedMigration::release)
                .thenComparing(Comparator.comparing(AppliedMigration::installedRank).reversed()));
        if (contracted.isPresent()) {
            throw new VersionSkewException(codeVersion, MigrationCatalog.describe(contracted.get()));
        }
    }

    private static boolean begun(AppliedMigration row) {
        return row.outcome() == Outcome.SUCCESS || row.outcome() == Outcome.RUNNING || row.statementsApplied() > 0;
    }

}
