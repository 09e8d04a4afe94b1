package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ColumnDef;
import dev.tidemark.migration.internal.lint.parse.Expr;

/**
 * {@code ADD COLUMN ... DEFAULT} with a VOLATILE function (at any depth) evaluates it per row: PostgreSQL rewrites
 * the table under ACCESS EXCLUSIVE. STABLE and IMMUTABLE defaults are stored in the catalog since PostgreSQL 11;
 * before 11 every default rewrites.
 */
final class VolatileDefault extends BaseRule {

    VolatileDefault() {
        super("volatile-default", LintSeverity.ERROR,
                "`ADD COLUMN … DEFAULT` calling a VOLATILE function (`random()`, `gen_random_uuid()`, `clock_timestamp()`, "
                        + "`nextval()`, nested too) on a pre-existing table (rewrite under ACCESS EXCLUSIVE)");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (!(action instanceof AlterAction.AddColumn add) || add.column().type().isSerial() || add.column().identity()) {
                return;
            }
            ColumnDef column = add.column();
            Expr value = column.defaultValue();
            if (value == null) {
                return;
            }
            String function = check.schema().volatility().firstVolatileCall(value);
            boolean before11 = check.file().targetVersion() < 11 && !value.isNull();
            if (function.isEmpty() && !before11) {
                return;
            }
            String why = function.isEmpty()
                    ? "before PostgreSQL 11 every column default is written into every row"
                    : "its default calls " + function + "(), which is VOLATILE, so PostgreSQL computes it for every row";
            String table = alter.table().written();
            check.report(this, "Adding " + column.writtenName() + " to " + table + " with DEFAULT " + value
                    + " rewrites the whole table under an ACCESS EXCLUSIVE lock: " + why,
                    "ALTER TABLE " + table + " ADD COLUMN " + column.writtenName() + " " + column.type().written() + ";\n"
                            + "ALTER TABLE " + table + " ALTER COLUMN " + column.writtenName() + " SET DEFAULT "
                            + value + ";  -- new rows only\n"
                            + "-- then fill old rows in a migrate file declared -- tidemark:backfill:\n"
                            + "UPDATE " + table + " SET " + column.writtenName() + " = " + value
                            + " WHERE " + column.writtenName() + " IS NULL;");
        });
    }

}
