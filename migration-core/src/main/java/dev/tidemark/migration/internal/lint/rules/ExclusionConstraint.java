package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ConstraintDef;

/**
 * {@code ADD EXCLUDE} builds its index under ACCESS EXCLUSIVE, and unlike UNIQUE there is no
 * {@code USING INDEX} form to build it concurrently first.
 */
final class ExclusionConstraint extends BaseRule {

    ExclusionConstraint() {
        super("exclusion-constraint", LintSeverity.ERROR,
                "`ADD [CONSTRAINT …] EXCLUDE …` on a pre-existing table (index built under ACCESS EXCLUSIVE, no online form)");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (action instanceof AlterAction.AddConstraint add && add.constraint().kind() == ConstraintDef.Kind.EXCLUDE) {
                check.report(this, "Adding an exclusion constraint to " + alter.table() + " builds its index under an "
                        + "ACCESS EXCLUSIVE lock, and PostgreSQL has no way to build it concurrently and attach it",
                        "-- enforce it on a new table built alongside (expand), copy the rows (migrate), switch over; or "
                                + "run it in a maintenance window with -- tidemark:allow exclusion-constraint <reason>");
            }
        });
    }

}
