package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;

/** A stored generated column added to a table computes it for every row: a rewrite under ACCESS EXCLUSIVE. */
final class StoredGenerated extends BaseRule {

    StoredGenerated() {
        super("stored-generated-existing", LintSeverity.ERROR,
                "`ADD COLUMN … GENERATED ALWAYS AS (…) STORED` on a pre-existing table (rewrite)");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (action instanceof AlterAction.AddColumn add && add.column().storedGenerated()) {
                check.report(this, "Adding the stored generated column " + add.column().writtenName() + " to "
                        + alter.table() + " computes it for every existing row: PostgreSQL rewrites the table under an "
                        + "ACCESS EXCLUSIVE lock",
                        "ALTER TABLE " + alter.table().written() + " ADD COLUMN " + add.column().writtenName() + " "
                                + add.column().type().written() + ";\n"
                                + "-- fill it from the application or a trigger for new rows, and backfill old rows "
                                + "(migrate, -- tidemark:backfill)");
            }
        });
    }

}
