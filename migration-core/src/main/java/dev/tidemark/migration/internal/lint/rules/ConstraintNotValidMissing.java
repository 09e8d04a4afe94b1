package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ColumnDef;
import dev.tidemark.migration.internal.lint.parse.ConstraintDef;
import dev.tidemark.migration.internal.lint.parse.Name;

/**
 * A FOREIGN KEY or CHECK added to a pre-existing table without {@code NOT VALID} is validated against every row
 * while the ADD's lock is held (ACCESS EXCLUSIVE for a CHECK; SHARE ROW EXCLUSIVE on both tables for a foreign
 * key). So is one added {@code NOT VALID} and validated in the same transaction. {@code VALIDATE CONSTRAINT} in a
 * later transaction takes only SHARE UPDATE EXCLUSIVE, and writes continue.
 */
final class ConstraintNotValidMissing extends BaseRule {

    ConstraintNotValidMissing() {
        super("constraint-not-valid-missing", LintSeverity.ERROR,
                "`FOREIGN KEY`/`CHECK` added to a pre-existing table without `NOT VALID` (also column-level `CHECK`, "
                        + "`REFERENCES` on a column with a default, and `NOT VALID` + `VALIDATE` in one file)");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            Name table = alter.table();
            if (action instanceof AlterAction.AddConstraint add && add.constraint().validatesRows()) {
                ConstraintDef constraint = add.constraint();
                String name = (constraint.name() != null) ? constraint.name()
                        : table.name() + "_" + String.join("_", constraint.columns())
                                + ((constraint.kind() == ConstraintDef.Kind.CHECK) ? "_check" : "_fkey");
                report(check, table, name, constraint.written(), "adds " + describe(constraint)
                        + " without NOT VALID");
            }
            else if (action instanceof AlterAction.AddColumn add) {
                ColumnDef column = add.column();
                for (ConstraintDef constraint : column.constraints()) {
                    boolean check1 = constraint.kind() == ConstraintDef.Kind.CHECK;
                    boolean reference = constraint.kind() == ConstraintDef.Kind.FOREIGN_KEY
                            && column.filledForExistingRows();
                    if (check1 || reference) {
                        String name = (constraint.name() != null) ? constraint.name()
                                : table.name() + "_" + column.name() + (check1 ? "_check" : "_fkey");
                        report(check, table, name, constraint.written(), "adds column " + column.writtenName() + " with "
                                + (check1 ? "a CHECK" : "a REFERENCES constraint and a default")
                                + ", which PostgreSQL validates for every existing row");
                    }
                }
            }
            else if (action instanceof AlterAction.ValidateConstraint validate
                    && check.file().addedNotValid(check.key(table), validate.constraint())) {
                check.report(this, "VALIDATE CONSTRAINT " + validate.writtenConstraint() + " runs in the same transaction "
                        + "that added it NOT VALID, so the validating scan of " + table + " happens while the ADD's lock "
                        + "(which blocks writes) is still held",
                        "ALTER TABLE " + table.written() + " VALIDATE CONSTRAINT " + validate.writtenConstraint()
                                + ";  -- move it to a later migrate file");
            }
        });
    }

    private void report(StatementCheck check, Name table, String name, String definition, String what) {
        check.report(this, "This " + what + ": every row of " + table + " is checked while the lock that blocks writes "
                + "is held",
                "ALTER TABLE " + table.written() + " ADD CONSTRAINT " + name + " " + definition + " NOT VALID;  -- expand\n"
                        + "ALTER TABLE " + table.written() + " VALIDATE CONSTRAINT " + name
                        + ";  -- a later migrate file: SHARE UPDATE EXCLUSIVE, writes go on");
    }

    private static String describe(ConstraintDef constraint) {
        return (constraint.kind() == ConstraintDef.Kind.CHECK) ? "a CHECK constraint" : "a FOREIGN KEY";
    }

}
