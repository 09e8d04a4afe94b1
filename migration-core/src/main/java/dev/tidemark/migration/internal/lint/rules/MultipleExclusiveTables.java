package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;

/**
 * ACCESS EXCLUSIVE on two or more pre-existing tables in one transaction: each lock is held until commit, so the
 * second table's wait (and everything queued behind it) adds to the first table's outage, and two migrations or a
 * migration and the application taking them in another order deadlock. The linter collects the locks in
 * {@link FileState}; this rule reports the statement that takes the second one, once per transaction.
 */
final class MultipleExclusiveTables extends BaseRule {

    MultipleExclusiveTables() {
        super("multiple-exclusive-tables", LintSeverity.ERROR,
                "ACCESS EXCLUSIVE on two or more pre-existing tables in one transaction (also implicitly: `DROP TABLE` "
                        + "of a table with a foreign key, `DROP CONSTRAINT <fk>`, `TRUNCATE … CASCADE`, `LOCK a, b`)");
    }

    @Override
    public void check(StatementCheck check) {
        if (check.file().exclusiveTables().size() < 2 || check.file().exclusiveReported()
                || check.effects().accessExclusive().stream().noneMatch(check::preExisting)) {
            return;
        }
        check.file().markExclusiveReported();
        check.report(this, "This transaction holds ACCESS EXCLUSIVE locks on " + check.file().exclusiveTablesText(check.schema().defaultSchema())
                + " at once: each is held until commit, so reads and writes of the first table wait while the next lock "
                + "is acquired, and another session taking them in the other order deadlocks",
                "-- one table per migration: split the statements on different tables into files of their own");
    }

}
