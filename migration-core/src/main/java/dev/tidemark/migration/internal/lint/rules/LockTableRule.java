package dev.tidemark.migration.internal.lint.rules;

import java.util.List;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;

/**
 * An explicit {@code LOCK} in SHARE mode or stronger (the default is ACCESS EXCLUSIVE) blocks writes, or all
 * access, for the rest of the migration's transaction, on top of what its statements need.
 */
final class LockTableRule extends BaseRule {

    LockTableRule() {
        super("lock-table", LintSeverity.ERROR,
                "an explicit `LOCK [TABLE]` in SHARE mode or stronger (default ACCESS EXCLUSIVE) on a pre-existing table");
    }

    @Override
    public void check(StatementCheck check) {
        if (!(check.statement() instanceof ParsedStatement.LockTable lock) || lock.mode().compareTo(LockLevel.SHARE) < 0) {
            return;
        }
        List<String> tables = lock.tables().stream().filter(check::preExisting).map(Name::written).toList();
        if (!tables.isEmpty()) {
            check.report(this, "LOCK takes " + lock.mode().sqlName() + " on " + String.join(", ", tables) + " and holds it "
                    + "until the migration commits: " + lock.mode().impact(),
                    "-- remove the LOCK: each statement takes the lock it needs, under Tidemark's lock_timeout");
        }
    }

}
