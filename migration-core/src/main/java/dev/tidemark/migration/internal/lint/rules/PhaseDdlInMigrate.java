package dev.tidemark.migration.internal.lint.rules;

import java.util.Set;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ParsedStatement;

/**
 * A migrate file runs in the background once the whole fleet runs its release: it is for data (DML, constraint
 * validation), not for schema changes, which belong to expand (before the new code starts) or contract (after the
 * old code is gone). A {@code DO} block is judged by the statements inside it. {@code VACUUM} without {@code FULL}
 * passes like {@code ANALYZE}: it changes no schema, and follows a large backfill for the same reason.
 */
final class PhaseDdlInMigrate extends BaseRule {

    private static final Set<String> ALLOWED_UTILITIES = Set.of("SET", "RESET", "ANALYZE", "ANALYSE");

    PhaseDdlInMigrate() {
        super("phase-ddl-in-migrate", LintSeverity.ERROR,
                "a migrate file holding anything but DML, `VALIDATE CONSTRAINT`, `SET`/`RESET`, `ANALYZE` and "
                        + "transaction control");
    }

    @Override
    public void check(StatementCheck check) {
        if (check.phase() != Phase.MIGRATE || allowed(check.statement())) {
            return;
        }
        check.report(this, "A migrate file changes data only, but this " + upTo(check.sql().normalized(), ' ')
                .toUpperCase(java.util.Locale.ROOT) + " statement changes the schema; in a migrate file it runs only once "
                + "the whole fleet runs the new release, too late for expand and too early for contract",
                check.sql().normalized() + ";  -- move it to an expand (additive) or contract (destructive) file");
    }

    private static boolean allowed(ParsedStatement statement) {
        if (statement instanceof ParsedStatement.Dml || statement instanceof ParsedStatement.TransactionControl
                || statement instanceof ParsedStatement.DoBlock) {
            return true;
        }
        if (statement instanceof ParsedStatement.Maintenance maintenance) {
            return maintenance.command().equals("VACUUM") && !maintenance.rewrites();
        }
        if (statement instanceof ParsedStatement.AlterTable alter) {
            return !alter.actions().isEmpty()
                    && alter.actions().stream().allMatch((action) -> action instanceof AlterAction.ValidateConstraint);
        }
        if (statement instanceof ParsedStatement.Other other) {
            String first = upTo(other.keywords(), ' ');
            return ALLOWED_UTILITIES.contains(first);
        }
        return false;
    }

}
