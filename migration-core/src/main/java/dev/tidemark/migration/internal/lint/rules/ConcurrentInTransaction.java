package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;

/**
 * {@code CREATE/DROP INDEX CONCURRENTLY} and {@code REINDEX ... CONCURRENTLY} cannot run in a transaction block:
 * inside an explicit {@code BEGIN}...{@code COMMIT}, a {@code DO} block, a function body, or a file that also holds
 * transactional statements (Tidemark runs such a file in one transaction), PostgreSQL rejects them.
 */
final class ConcurrentInTransaction extends BaseRule {

    ConcurrentInTransaction() {
        super("concurrent-in-transaction", LintSeverity.ERROR,
                "`CREATE/DROP INDEX CONCURRENTLY` or `REINDEX … CONCURRENTLY` inside `BEGIN`…`COMMIT`, a `DO` block, "
                        + "a function body, or a file with other statements");
    }

    @Override
    public boolean readsFunctionBodies() {
        return true;
    }

    @Override
    public void check(StatementCheck check) {
        if (!isConcurrent(check.statement())) {
            return;
        }
        String where = switch (check.context()) {
            case DO_BLOCK -> "inside a DO block";
            case FUNCTION_BODY -> "inside a function body";
            default -> check.file().inTransactionBlock() ? "inside the file's BEGIN ... COMMIT block"
                    : check.file().transactional() ? "in a file with other statements, which Tidemark runs in one transaction"
                            : "";
        };
        if (!where.isEmpty()) {
            check.report(this, "PostgreSQL cannot run " + upTo(oneLine(check.sql()), ' ') + " ... CONCURRENTLY "
                    + where + " (\"cannot run inside a transaction block\"), so the migration fails",
                    oneLine(check.sql()) + ";\n-- alone in a migration file of its own, without BEGIN/COMMIT or DO");
        }
    }

    static boolean isConcurrent(ParsedStatement statement) {
        if (statement instanceof ParsedStatement.CreateIndex create) {
            return create.concurrently();
        }
        if (statement instanceof ParsedStatement.Drop drop) {
            return drop.kind() == ObjectKind.INDEX && drop.concurrently();
        }
        return statement instanceof ParsedStatement.Maintenance maintenance && maintenance.command().equals("REINDEX")
                && !maintenance.rewrites();
    }

}
