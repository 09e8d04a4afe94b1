package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;

/**
 * {@code json} stores text and has no equality operator, which breaks {@code SELECT DISTINCT}, {@code UNION} and
 * unique indexes later; {@code jsonb} is what applications mean.
 */
final class JsonType extends BaseRule {

    JsonType() {
        super("json-type", LintSeverity.WARNING, "a `json` (not `jsonb`) column added to, or a column changed to `json` "
                + "in, a pre-existing table");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            String column = null;
            String type = null;
            if (action instanceof AlterAction.AddColumn add && add.column().type().isJson()) {
                column = add.column().writtenName();
                type = add.column().type().written();
            }
            else if (action instanceof AlterAction.AlterColumnType change && change.type().isJson()) {
                column = change.writtenColumn();
                type = change.type().written();
            }
            if (column != null && type != null) {
                check.report(this, "Column " + column + " of " + alter.table() + " is " + type + ", which has no equality "
                        + "operator (DISTINCT, UNION and unique indexes fail on it) and is reparsed on every access",
                        "use jsonb: ... " + column + " jsonb");
            }
        });
    }

}
