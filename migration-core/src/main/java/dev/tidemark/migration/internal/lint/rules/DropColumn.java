package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.internal.lint.parse.AlterAction;

/**
 * Dropping a column in an expand or migrate file runs while code that still uses it serves traffic; only a
 * contract file waits until no such code is alive.
 */
final class DropColumn extends BaseRule {

    DropColumn() {
        super("drop-column", LintSeverity.ERROR, "`ALTER TABLE … DROP COLUMN` of a pre-existing table in an expand or "
                + "migrate file");
    }

    @Override
    public void check(StatementCheck check) {
        if (check.phase() == Phase.CONTRACT) {
            return;
        }
        onPreExistingTable(check, (alter, action) -> {
            if (action instanceof AlterAction.DropColumn drop) {
                check.report(this, "Dropping " + drop.writtenColumn() + " from " + alter.table() + " in "
                        + (check.phase() == Phase.EXPAND ? "an " : "a ") + check.phase().label() + " file breaks the running instances that still read or write it",
                        "ALTER TABLE " + alter.table().written() + " DROP COLUMN " + drop.writtenColumn()
                                + ";  -- in a contract migration of the release after the code stopped using it");
            }
        });
    }

}
