package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;

/** Renaming a table breaks the running code, which still queries the old name, the moment it commits. */
final class RenameTable extends BaseRule {

    RenameTable() {
        super("rename-table", LintSeverity.ERROR, "`ALTER TABLE … RENAME TO …` of a pre-existing table");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (action instanceof AlterAction.RenameTo rename) {
                String t = alter.table().written();
                check.report(this, "Renaming " + alter.table() + " to " + rename.writtenTo() + " breaks every running "
                        + "instance that still queries " + alter.table() + " during the rolling deployment",
                        "CREATE TABLE " + rename.writtenTo() + " (LIKE " + t + " INCLUDING ALL);  -- expand; the code "
                                + "writes both, a backfill copies old rows\n"
                                + "-- or: rename, and keep the old name as a view in the same transaction:\n"
                                + "-- ALTER TABLE " + t + " RENAME TO " + rename.writtenTo() + "; CREATE VIEW " + t
                                + " AS SELECT * FROM " + rename.writtenTo() + ";\n"
                                + "-- drop the old table (or view) in the contract of the next release");
            }
        });
    }

}
