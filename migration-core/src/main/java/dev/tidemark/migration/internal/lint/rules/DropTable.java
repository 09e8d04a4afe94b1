package dev.tidemark.migration.internal.lint.rules;

import java.util.List;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;

/** Dropping a table in an expand or migrate file runs while code that still uses it serves traffic. */
final class DropTable extends BaseRule {

    DropTable() {
        super("drop-table", LintSeverity.ERROR, "`DROP TABLE` of a pre-existing table in an expand or migrate file");
    }

    @Override
    public void check(StatementCheck check) {
        if (check.phase() == Phase.CONTRACT || !(check.statement() instanceof ParsedStatement.Drop drop)
                || drop.kind() != ObjectKind.TABLE) {
            return;
        }
        List<String> tables = drop.names().stream().filter(check::preExisting).map(Name::written).toList();
        if (!tables.isEmpty()) {
            check.report(this, "Dropping " + String.join(", ", tables) + " in " + (check.phase() == Phase.EXPAND ? "an " : "a ") + check.phase().label()
                    + " file breaks the running instances that still use it",
                    check.sql().normalized() + ";  -- in a contract migration of the release after the code stopped using it");
        }
    }

}
