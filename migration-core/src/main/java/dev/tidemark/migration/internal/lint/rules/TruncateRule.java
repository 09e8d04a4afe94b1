package dev.tidemark.migration.internal.lint.rules;

import java.util.List;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;

/** {@code TRUNCATE} takes ACCESS EXCLUSIVE and removes every row the running code may still need. */
final class TruncateRule extends BaseRule {

    TruncateRule() {
        super("truncate", LintSeverity.ERROR, "`TRUNCATE` of a pre-existing table");
    }

    @Override
    public void check(StatementCheck check) {
        if (!(check.statement() instanceof ParsedStatement.Truncate truncate)) {
            return;
        }
        List<String> tables = truncate.tables().stream().filter(check::preExisting).map(Name::written).toList();
        if (!tables.isEmpty()) {
            check.report(this, "TRUNCATE takes an ACCESS EXCLUSIVE lock on " + String.join(", ", tables)
                    + (truncate.cascade() ? " and every table that references it" : "")
                    + " and removes every row while the running code may still use them",
                    "DELETE FROM " + tables.get(0) + " WHERE <condition>;  -- in a migrate file declared -- tidemark:backfill "
                            + "(batched), or TRUNCATE in a contract migration");
        }
    }

}
