package dev.tidemark.migration.internal.plan;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.resolve.Checksums;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;

/**
 * Where a non-transactional migration continues after an earlier attempt stopped part-way (it failed,
 * or its process died): after the statements that attempt completed, provided they are unchanged (the
 * row records their checksum), so that fixing or removing the statement that stopped it is the expected
 * repair. If they changed, it starts again from the top. Pure.
 */
final class ResumePoint {

    private ResumePoint() {
    }

    /** The index of the first statement to run. */
    static int of(ResolvedMigration migration, @Nullable AppliedMigration previousAttempt) {
        if (previousAttempt == null || migration.transactional() || previousAttempt.statementsApplied() == 0) {
            return 0;
        }
        int done = previousAttempt.statementsApplied();
        // All of them may have completed: a process that died before recording the end has nothing left to run.
        if (done <= migration.statements().size()
                && Checksums.ofStatements(migration.statements(), done).equals(previousAttempt.checksum())) {
            return done;
        }
        return 0;
    }

}
