package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;

/**
 * {@code DETACH PARTITION} without {@code CONCURRENTLY} (PostgreSQL 14+) takes ACCESS EXCLUSIVE on the partitioned
 * table: every query on any partition waits.
 */
final class DetachPartitionNotConcurrent extends BaseRule {

    DetachPartitionNotConcurrent() {
        super("detach-partition-not-concurrent", LintSeverity.ERROR,
                "`ALTER TABLE … DETACH PARTITION` without `CONCURRENTLY` (ACCESS EXCLUSIVE on the partitioned table)");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (action instanceof AlterAction.DetachPartition detach && !detach.concurrently()) {
                check.report(this, "DETACH PARTITION " + detach.partition() + " takes an ACCESS EXCLUSIVE lock on "
                        + alter.table() + ": reads and writes of every partition wait",
                        "ALTER TABLE " + alter.table().written() + " DETACH PARTITION " + detach.partition().written()
                                + " CONCURRENTLY;  -- alone in a migration file of its own");
            }
        });
    }

}
