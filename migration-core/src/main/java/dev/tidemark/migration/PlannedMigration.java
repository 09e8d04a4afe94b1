package dev.tidemark.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A migration a run would apply now, as it would run: in one transaction with its history row, or
 * statement by statement outside one; its statements with the lock each takes; where a run resumes one
 * that stopped part-way.
 *
 * @param migration the migration
 * @param transactional whether it runs in one transaction together with its history row
 * @param statements its SQL statements, empty for a Java migration
 * @param resumeAt the index of the first statement to run: above 0 when an earlier run of this
 *        non-transactional migration completed the statements before it
 * @param note what the history row will record besides the outcome, e.g. why the fleet gate was overridden
 */
public record PlannedMigration(MigrationInfo migration, boolean transactional, List<PlannedStatement> statements,
        int resumeAt, @Nullable String note) {

    /** Creates the value with an immutable copy of the statements. */
    public PlannedMigration {
        statements = List.copyOf(statements);
    }

    /** The strongest lock any statement still to run takes. */
    public LockLevel strongestLock() {
        LockLevel strongest = LockLevel.NONE;
        for (PlannedStatement statement : this.statements.subList(Math.min(this.resumeAt, this.statements.size()),
                this.statements.size())) {
            if (statement.lockLevel().compareTo(strongest) > 0) {
                strongest = statement.lockLevel();
            }
        }
        return strongest;
    }

}
