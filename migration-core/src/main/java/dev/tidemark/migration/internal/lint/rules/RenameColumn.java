package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;

/** Renaming a column breaks the running code, which still reads and writes the old name, the moment it commits. */
final class RenameColumn extends BaseRule {

    RenameColumn() {
        super("rename-column", LintSeverity.ERROR, "`ALTER TABLE … RENAME [COLUMN] a TO b` on a pre-existing table");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (action instanceof AlterAction.RenameColumn rename) {
                String t = alter.table().written();
                check.report(this, "Renaming " + rename.writtenFrom() + " to " + rename.writtenTo() + " in " + alter.table()
                        + " breaks every running instance that still uses " + rename.writtenFrom()
                        + " during the rolling deployment",
                        "ALTER TABLE " + t + " ADD COLUMN " + rename.writtenTo() + " <type of " + rename.writtenFrom()
                                + ">;  -- expand\n"
                                + "-- the code writes both columns; backfill " + rename.writtenTo() + " (migrate):\n"
                                + "UPDATE " + t + " SET " + rename.writtenTo() + " = " + rename.writtenFrom() + " WHERE "
                                + rename.writtenTo() + " IS NULL;  -- declared -- tidemark:backfill\n"
                                + "-- the code reads " + rename.writtenTo() + "; in the next release's contract:\n"
                                + "ALTER TABLE " + t + " DROP COLUMN " + rename.writtenFrom() + ";");
            }
        });
    }

}
