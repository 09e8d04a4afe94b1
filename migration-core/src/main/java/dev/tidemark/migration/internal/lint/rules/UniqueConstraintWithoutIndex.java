package dev.tidemark.migration.internal.lint.rules;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ColumnDef;
import dev.tidemark.migration.internal.lint.parse.ConstraintDef;
import dev.tidemark.migration.internal.lint.parse.Name;

/**
 * {@code ADD UNIQUE (...)} builds its index while holding ACCESS EXCLUSIVE on the table. Building the index
 * concurrently first and then adopting it ({@code UNIQUE USING INDEX}) holds that lock only for a moment.
 */
final class UniqueConstraintWithoutIndex extends BaseRule {

    UniqueConstraintWithoutIndex() {
        super("unique-constraint-without-index", LintSeverity.ERROR,
                "`ADD [CONSTRAINT …] UNIQUE (…)` without `USING INDEX` (also a column-level `UNIQUE` in `ADD COLUMN`) on "
                        + "a pre-existing table (index built under ACCESS EXCLUSIVE)");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (action instanceof AlterAction.AddConstraint add && add.constraint().kind() == ConstraintDef.Kind.UNIQUE
                    && add.constraint().usingIndex() == null) {
                report(check, alter.table(), add.constraint().name(), String.join(", ", add.constraint().columns()), "");
            }
            else if (action instanceof AlterAction.AddColumn add && add.column().has(ConstraintDef.Kind.UNIQUE)) {
                ColumnDef column = add.column();
                report(check, alter.table(), null, column.writtenName(), "ALTER TABLE " + alter.table().written()
                        + " ADD COLUMN " + column.writtenName() + " " + column.type().written() + ";  -- expand, without UNIQUE\n");
            }
        });
    }

    private void report(StatementCheck check, Name table, @Nullable String name, String columns, String first) {
        String index = (name != null) ? name : table.name() + "_" + columns.replace(", ", "_") + "_key";
        check.report(this, "Adding a UNIQUE constraint on " + table + " (" + columns + ") builds its index while holding "
                + "an ACCESS EXCLUSIVE lock: reads and writes wait for the whole build",
                first + "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + table.written() + " (" + columns
                        + ");  -- a migration file of its own\n"
                        + "ALTER TABLE " + table.written() + " ADD CONSTRAINT " + index + " UNIQUE USING INDEX " + index + ";");
    }

}
