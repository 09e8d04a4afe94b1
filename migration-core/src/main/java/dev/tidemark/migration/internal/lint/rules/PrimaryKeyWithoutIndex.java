package dev.tidemark.migration.internal.lint.rules;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ConstraintDef;
import dev.tidemark.migration.internal.lint.parse.Name;

/**
 * {@code ADD PRIMARY KEY (...)} builds its index (and proves its columns NOT NULL) under ACCESS EXCLUSIVE. The
 * online way: a unique index built concurrently, NOT NULL proven by a validated CHECK, then
 * {@code PRIMARY KEY USING INDEX}.
 */
final class PrimaryKeyWithoutIndex extends BaseRule {

    PrimaryKeyWithoutIndex() {
        super("primary-key-without-index", LintSeverity.ERROR,
                "`ADD [CONSTRAINT …] PRIMARY KEY (…)` without `USING INDEX` (also a column-level `PRIMARY KEY` in "
                        + "`ADD COLUMN`) on a pre-existing table");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (action instanceof AlterAction.AddConstraint add && add.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY
                    && add.constraint().usingIndex() == null) {
                report(check, alter.table(), add.constraint().name(), String.join(", ", add.constraint().columns()));
            }
            else if (action instanceof AlterAction.AddColumn add && add.column().has(ConstraintDef.Kind.PRIMARY_KEY)) {
                report(check, alter.table(), null, add.column().writtenName());
            }
        });
    }

    private void report(StatementCheck check, Name table, @Nullable String name, String columns) {
        String constraint = (name != null) ? name : table.name() + "_pkey";
        String t = table.written();
        String firstColumn = upTo(columns, ',').trim();
        String notNull = table.name() + "_" + firstColumn + "_not_null";
        check.report(this, "Adding a PRIMARY KEY to " + table + " (" + columns + ") builds its index and checks its "
                + "columns for NULLs while holding an ACCESS EXCLUSIVE lock: reads and writes wait for all of it",
                "CREATE UNIQUE INDEX CONCURRENTLY " + constraint + " ON " + t + " (" + columns
                        + ");  -- a migration file of its own\n"
                        + "ALTER TABLE " + t + " ADD CONSTRAINT " + notNull + " CHECK (" + firstColumn
                        + " IS NOT NULL) NOT VALID;  -- for each column\n"
                        + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + notNull + ";  -- a later migrate file\n"
                        + "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + " PRIMARY KEY USING INDEX " + constraint + ";");
    }

}
