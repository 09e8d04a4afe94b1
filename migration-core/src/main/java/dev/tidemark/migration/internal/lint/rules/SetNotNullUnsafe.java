package dev.tidemark.migration.internal.lint.rules;

import java.util.Optional;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.effect.NotNullCheck;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ConstraintDef;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.schema.SchemaModel.IndexInfo;
import dev.tidemark.migration.internal.lint.schema.TableInfo;

/**
 * {@code SET NOT NULL} scans the whole table under ACCESS EXCLUSIVE, unless a validated CHECK constraint already
 * proves {@code col IS NOT NULL} (PostgreSQL 12+ then skips the scan). {@code ADD PRIMARY KEY ... USING INDEX} sets
 * its columns NOT NULL the same way.
 */
final class SetNotNullUnsafe extends BaseRule {

    SetNotNullUnsafe() {
        super("set-not-null-unsafe", LintSeverity.ERROR,
                "`SET NOT NULL` (or `ADD PRIMARY KEY … USING INDEX` over a nullable column) on a pre-existing table "
                        + "without a validated `CHECK (col IS NOT NULL)` proving it (full scan under ACCESS EXCLUSIVE)");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            Optional<TableInfo> table = check.table(alter.table());
            if (action instanceof AlterAction.SetNotNull set && !NotNullCheck.provenOrAlready(table, set.column())) {
                report(check, alter.table(), set.writtenColumn(), set.column(), "SET NOT NULL on " + set.writtenColumn());
            }
            else if (action instanceof AlterAction.AddConstraint add
                    && add.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY && add.constraint().usingIndex() != null) {
                String indexKey = check.key(alter.table()).substring(0, check.key(alter.table()).indexOf('.') + 1)
                        + add.constraint().usingIndex();
                check.schema().indexesOf(check.key(alter.table())).stream().filter((i) -> i.key().equals(indexKey))
                    .map(IndexInfo::columns).findFirst().ifPresent((columns) -> columns.stream()
                        .filter((column) -> !NotNullCheck.provenOrAlready(table, column)).findFirst()
                        .ifPresent((column) -> report(check, alter.table(), column, column,
                                "ADD PRIMARY KEY USING INDEX " + add.constraint().usingIndex() + " sets " + column
                                        + " NOT NULL, which")));
            }
        });
    }

    private void report(StatementCheck check, Name table, String written, String column, String what) {
        String constraint = table.name() + "_" + column + "_not_null";
        String t = table.written();
        check.report(this, what + " scans all of " + table + " under an ACCESS EXCLUSIVE lock (reads and writes wait): "
                + "no validated CHECK (" + written + " IS NOT NULL) proves it first",
                "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + " CHECK (" + written + " IS NOT NULL) NOT VALID;  "
                        + "-- expand\n"
                        + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + constraint + ";  -- a later migrate file\n"
                        + "ALTER TABLE " + t + " ALTER COLUMN " + written + " SET NOT NULL;  -- then: no scan\n"
                        + "ALTER TABLE " + t + " DROP CONSTRAINT " + constraint + ";");
    }

}
