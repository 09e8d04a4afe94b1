package dev.tidemark.migration.internal.lint.rules;

import java.util.ArrayList;
import java.util.List;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;
import dev.tidemark.migration.internal.lint.schema.SchemaModel.IndexInfo;

/**
 * {@code DROP INDEX} without {@code CONCURRENTLY} takes ACCESS EXCLUSIVE on the index's table: even reads wait,
 * and behind it every query on the table.
 */
final class DropIndexNotConcurrent extends BaseRule {

    DropIndexNotConcurrent() {
        super("drop-index-not-concurrent", LintSeverity.ERROR,
                "`DROP INDEX` without `CONCURRENTLY` of an index of a pre-existing table (ACCESS EXCLUSIVE on the table)");
    }

    @Override
    public void check(StatementCheck check) {
        if (!(check.statement() instanceof ParsedStatement.Drop drop) || drop.kind() != ObjectKind.INDEX
                || drop.concurrently()) {
            return;
        }
        List<String> flagged = new ArrayList<>();
        StringBuilder alternative = new StringBuilder();
        for (Name index : drop.names()) {
            // An index the model does not know belongs to a table that existed before: it had to, to be dropped.
            String table = check.schema().index(index).map(IndexInfo::table).orElse(null);
            if (table == null || check.preExisting(table)) {
                flagged.add(index.written() + ((table != null) ? " (of " + table.substring(table.indexOf('.') + 1) + ")" : ""));
                alternative.append("DROP INDEX CONCURRENTLY ").append(drop.ifExists() ? "IF EXISTS " : "")
                    .append(index.written()).append(";\n");
            }
        }
        if (!flagged.isEmpty()) {
            check.report(this, "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table of "
                    + String.join(", ", flagged) + ": reads and writes wait until it is done",
                    alternative + "-- each alone in a migration file of its own: PostgreSQL refuses CONCURRENTLY in a "
                            + "transaction and drops one index at a time");
        }
    }

}
