package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;

/** {@code REFRESH MATERIALIZED VIEW} without {@code CONCURRENTLY} blocks every read of the view until it is rebuilt. */
final class RefreshMaterializedViewBlocking extends BaseRule {

    RefreshMaterializedViewBlocking() {
        super("refresh-materialized-view-blocking", LintSeverity.WARNING,
                "`REFRESH MATERIALIZED VIEW` without `CONCURRENTLY` of a pre-existing view (ACCESS EXCLUSIVE: reads wait)");
    }

    @Override
    public void check(StatementCheck check) {
        if (check.statement() instanceof ParsedStatement.RefreshMaterializedView refresh && !refresh.concurrently()
                && check.preExisting(refresh.view())) {
            check.report(this, "REFRESH MATERIALIZED VIEW without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on "
                    + refresh.view() + ": every read of it waits until the query behind it has run again",
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY " + refresh.view().written()
                            + ";  -- needs a unique index on the view; alone in a migration file of its own");
        }
    }

}
