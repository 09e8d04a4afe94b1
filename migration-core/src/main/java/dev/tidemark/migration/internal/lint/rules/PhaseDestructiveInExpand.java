package dev.tidemark.migration.internal.lint.rules;

import java.util.List;
import java.util.Set;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;

/**
 * An expand file runs before the new code starts, while the old code serves traffic: it must not remove or rename
 * anything the old code may use, nor make a column it does not fill NOT NULL. Relaxing ({@code DROP NOT NULL}) is
 * the standard expand step; {@code ALTER COLUMN TYPE} is left to {@code rewrite-column-type}.
 */
final class PhaseDestructiveInExpand extends BaseRule {

    private static final Set<ObjectKind> DROPPED_KINDS = Set.of(ObjectKind.TABLE, ObjectKind.VIEW,
            ObjectKind.MATERIALIZED_VIEW, ObjectKind.SEQUENCE, ObjectKind.TYPE, ObjectKind.FUNCTION, ObjectKind.TRIGGER,
            ObjectKind.SCHEMA);

    PhaseDestructiveInExpand() {
        super("phase-destructive-in-expand", LintSeverity.ERROR,
                "an expand file that drops, renames or truncates what running code may use, or sets a pre-existing "
                        + "column NOT NULL");
    }

    @Override
    public void check(StatementCheck check) {
        if (check.phase() != Phase.EXPAND) {
            return;
        }
        ParsedStatement statement = check.statement();
        if (statement instanceof ParsedStatement.Drop drop && DROPPED_KINDS.contains(drop.kind())) {
            List<String> names = drop.names().stream().filter(check::preExisting).map(Name::written).toList();
            if (!names.isEmpty()) {
                report(check, "DROP " + drop.kind().sql() + " " + String.join(", ", names) + " removes");
            }
        }
        else if (statement instanceof ParsedStatement.Truncate truncate
                && truncate.tables().stream().anyMatch(check::preExisting)) {
            report(check, "TRUNCATE removes the rows of");
        }
        else if (statement instanceof ParsedStatement.AlterTable alter && alter.kind() != ObjectKind.INDEX
                && check.preExisting(alter.table())) {
            String table = check.key(alter.table());
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.DropColumn drop && !check.file().addedColumn(table, drop.column())) {
                    report(check, "DROP COLUMN " + drop.writtenColumn() + " removes");
                }
                else if (action instanceof AlterAction.RenameColumn rename) {
                    report(check, "RENAME COLUMN " + rename.writtenFrom() + " renames");
                }
                else if (action instanceof AlterAction.RenameTo) {
                    report(check, "RENAME of " + alter.table() + " renames");
                }
                else if (action instanceof AlterAction.SetNotNull set && !check.file().addedColumn(table, set.column())) {
                    report(check, "SET NOT NULL on " + set.writtenColumn() + " makes the old code's inserts, which do not "
                            + "set it, fail; it constrains");
                }
            }
        }
    }

    private void report(StatementCheck check, String what) {
        check.report(this, what + " what the running code of the previous release may still use, and an expand file runs "
                + "while that code serves traffic",
                check.sql().normalized() + ";  -- move it to a contract file of the release after the code stopped using it");
    }

}
