package dev.tidemark.migration.internal.lint.rules;

import java.util.Optional;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.effect.TypeChange;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.schema.TableInfo;

/**
 * {@code ALTER COLUMN ... TYPE} that PostgreSQL cannot do in the catalog alone rewrites the table (and rebuilds its
 * indexes) under ACCESS EXCLUSIVE: measured 9.8 s of stalled reads and writes for integer to bigint on 10M rows.
 * See {@link TypeChange} for which changes are free.
 */
final class RewriteColumnType extends BaseRule {

    RewriteColumnType() {
        super("rewrite-column-type", LintSeverity.ERROR,
                "`ALTER COLUMN … TYPE` that rewrites a pre-existing table (int→bigint, varchar shrink, text→varchar(n), "
                        + "timestamp→timestamptz, …); metadata-only changes pass");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (!(action instanceof AlterAction.AlterColumnType change)) {
                return;
            }
            Optional<TableInfo.ColumnInfo> column = check.table(alter.table()).flatMap((table) -> table.column(change.column()));
            String what;
            if (column.isPresent()) {
                if (!TypeChange.rewrites(column.get().type(), change.type(), change.using(), change.column())) {
                    return;
                }
                what = "Changing " + change.writtenColumn() + " of " + alter.table() + " from " + column.get().type().canonical()
                        + " to " + change.type().canonical()
                        + ((change.using() != null) ? " USING " + change.using() : "") + " rewrites the table";
            }
            else {
                what = "The linter does not know the current type of " + change.writtenColumn() + " in " + alter.table()
                        + "; unless the change is binary-coercible, changing it to " + change.type().canonical()
                        + " rewrites the table";
            }
            String table = alter.table().written();
            String newColumn = change.column() + "_new";
            check.report(this, what + " and rebuilds its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait "
                    + "for all of it",
                    "ALTER TABLE " + table + " ADD COLUMN " + newColumn + " " + change.type().written() + ";  -- expand\n"
                            + "-- the code writes both " + change.writtenColumn() + " and " + newColumn
                            + " (or a trigger copies it)\n"
                            + "UPDATE " + table + " SET " + newColumn + " = " + change.writtenColumn() + " WHERE " + newColumn
                            + " IS NULL;  -- migrate, declared -- tidemark:backfill\n"
                            + "-- the code reads " + newColumn + "; then, in contract:\n"
                            + "ALTER TABLE " + table + " DROP COLUMN " + change.writtenColumn() + ";");
        });
    }

}
