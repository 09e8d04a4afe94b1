package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ColumnDef;

/**
 * {@code ADD COLUMN ... NOT NULL} without a default fails on a table that has rows ("column contains null values"),
 * and once added, every INSERT of the old code, which does not know the column, fails.
 */
final class NotNullWithoutDefault extends BaseRule {

    NotNullWithoutDefault() {
        super("not-null-without-default", LintSeverity.ERROR,
                "`ADD COLUMN … NOT NULL` without `DEFAULT` (not serial/identity/generated) on a pre-existing table");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (!(action instanceof AlterAction.AddColumn add)) {
                return;
            }
            ColumnDef column = add.column();
            if (!column.notNull() || column.filledForExistingRows()) {
                return;
            }
            String table = alter.table().written();
            String name = column.writtenName();
            String constraint = alter.table().name() + "_" + column.name() + "_not_null";
            check.report(this, "Adding " + name + " " + column.type().written() + " NOT NULL without a DEFAULT to " + table
                    + " fails as soon as the table has a row, and makes every INSERT of the running code (which does not "
                    + "set " + name + ") fail",
                    "ALTER TABLE " + table + " ADD COLUMN " + name + " " + column.type().written()
                            + " NOT NULL DEFAULT <constant>;  -- when a constant fits; or:\n"
                            + "ALTER TABLE " + table + " ADD COLUMN " + name + " " + column.type().written() + ";  -- expand\n"
                            + "-- backfill " + name + " (migrate), then:\n"
                            + "ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " CHECK (" + name
                            + " IS NOT NULL) NOT VALID;\n"
                            + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + constraint + ";  -- a later migrate file\n"
                            + "ALTER TABLE " + table + " ALTER COLUMN " + name + " SET NOT NULL;  -- contract: no scan now\n"
                            + "ALTER TABLE " + table + " DROP CONSTRAINT " + constraint + ";");
        });
    }

}
