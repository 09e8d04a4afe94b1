package dev.tidemark.migration.internal.lint.rules;

import java.util.stream.Collectors;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;

/**
 * {@code VACUUM FULL} and {@code CLUSTER} rewrite tables under ACCESS EXCLUSIVE; {@code REINDEX} without
 * {@code CONCURRENTLY} rebuilds indexes while blocking writes (and reads that use them).
 */
final class TableRewriteMaintenance extends BaseRule {

    TableRewriteMaintenance() {
        super("table-rewrite-maintenance", LintSeverity.ERROR,
                "`VACUUM FULL`, `CLUSTER`, `REINDEX` without `CONCURRENTLY` on pre-existing relations");
    }

    @Override
    public void check(StatementCheck check) {
        if (!(check.statement() instanceof ParsedStatement.Maintenance maintenance) || !maintenance.rewrites()) {
            return;
        }
        boolean preExisting = maintenance.names().isEmpty()
                || maintenance.names().stream().anyMatch((name) -> check.preExisting(name)
                        && check.schema().index(name).map((index) -> check.preExisting(index.table())).orElse(true));
        if (!preExisting) {
            return;
        }
        String names = maintenance.names().isEmpty() ? "every table"
                : maintenance.names().stream().map(Name::written).collect(Collectors.joining(", "));
        if (maintenance.command().equals("REINDEX")) {
            check.report(this, "REINDEX without CONCURRENTLY rebuilds the indexes of " + names + " while blocking writes "
                    + "to the table and reads that use the indexes",
                    "REINDEX " + maintenance.target() + " CONCURRENTLY " + (maintenance.names().isEmpty() ? "<name>" : names)
                            + ";  -- alone in a migration file of its own");
        }
        else {
            check.report(this, maintenance.command() + (maintenance.command().equals("VACUUM") ? " FULL" : "")
                    + " rewrites " + names + " under an ACCESS EXCLUSIVE lock: reads and writes wait for the whole rewrite",
                    "-- outside migrations: pg_repack --table " + (maintenance.names().isEmpty() ? "<table>" : names)
                            + " rewrites online; a plain VACUUM (ANALYZE) reclaims space without a rewrite");
        }
    }

}
