package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.PlannedStatement;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.locksafety.LockConflict;
import dev.tidemark.migration.internal.locksafety.StatementRunner;
import dev.tidemark.migration.internal.plan.PlanStep;

/**
 * Applies a migration in one transaction together with its history row: all of it or nothing. A
 * statement that gives up on its lock rolls the whole attempt back, and the migration is attempted again
 * after a pause. A CONTRACT first records a running row, committed before its transaction starts, so that
 * an instance of older code that starts meanwhile refuses to (it sees the row); the row becomes the
 * success row in the migration's own transaction, or is removed when the migration fails. Not
 * thread-safe.
 */
final class TransactionalApply {

    private static final Logger logger = LoggerFactory.getLogger(TransactionalApply.class);

    static final String ROLLED_BACK = "The migration was rolled back: nothing of it was applied or recorded. Fix it "
            + "and start again.";

    private TransactionalApply() {
    }

    static StepResult run(StepExecution execution, StepGate gate) throws SQLException {
        PlanStep step = execution.step();
        Connection connection = execution.connection();
        HistoryTable history = execution.history();
        Integer marker = null;
        if (step.migration().phase() == Phase.CONTRACT) {
            execution.verifyLock();
            history.deleteUnfinished(connection, step.migration().version());
            marker = history.recordStart(connection, step.migration(), execution.by(), 0, null);
        }
        try {
            String wait = step.gated() ? gate.recheck(step) : null;
            if (wait != null) {
                removeMarker(execution, marker);
                return new StepResult.Deferred(wait);
            }
            while (true) {
                try {
                    attempt(execution, marker);
                    return new StepResult.Applied(execution.elapsed(), execution.attempts());
                }
                catch (LockConflict conflict) {
                    execution.retryAfter(conflict);
                }
            }
        }
        catch (SQLException | RuntimeException ex) {
            if (marker != null && !isLockLost(ex)) {
                try {
                    removeMarker(execution, marker);
                }
                catch (SQLException | RuntimeException cleanup) {
                    ex.addSuppressed(cleanup);
                }
            }
            throw ex;
        }
    }

    private static void attempt(StepExecution execution, @Nullable Integer marker) {
        Connection connection = execution.connection();
        try (TransactionScope transaction = TransactionScope.begin(connection);
                StatementRunner runner = execution.runner(true)) {
            if (execution.migration().java() != null) {
                runJava(execution, runner);
            }
            else {
                for (PlannedStatement statement : execution.step().planned().statements()) {
                    execution.verifyLock();
                    try {
                        runner.run(statement);
                    }
                    catch (SQLException ex) {
                        throw execution.statementFailed(statement, ex, ROLLED_BACK);
                    }
                }
            }
            Duration took = execution.elapsed();
            execution.verifyLock();
            if (marker != null) {
                execution.history().recordFinished(connection, marker, execution.migration(), took,
                        execution.attempts(), execution.step().planned().note());
            }
            else {
                if (execution.step().previousAttempt() != null) {
                    execution.history().deleteUnfinished(connection, execution.migration().version());
                }
                execution.history().recordSuccess(connection, execution.migration(), execution.by(), took,
                        execution.attempts(), execution.step().planned().note());
            }
            // The last check before the commit: an instance whose lock session died stops here instead of
            // committing next to the instance that took over.
            execution.verifyLock();
            transaction.commit();
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not apply or record " + execution.step().label()
                    + " (" + execution.migration().script() + ") in " + execution.history().qualifiedName() + ": "
                    + ex.getMessage() + " (SQL state " + ex.getSQLState() + "). If the connection broke during the "
                    + "commit, whether it committed is unknown; the history says it, and the next run applies the "
                    + "migration only if it is not recorded there", ex);
        }
    }

    private static void runJava(StepExecution execution, StatementRunner runner) {
        try {
            runner.callJava(() -> Objects.requireNonNull(execution.migration().java(), "Java migration")
                .migrate(execution.connection()));
        }
        catch (SQLException ex) {
            throw execution.javaFailed(ex, ROLLED_BACK);
        }
        catch (StatementRunner.JavaMigrationFailure ex) {
            throw execution.javaFailed(ex.failure(), ROLLED_BACK);
        }
    }

    private static void removeMarker(StepExecution execution, @Nullable Integer marker) throws SQLException {
        if (marker != null) {
            execution.history().delete(execution.connection(), marker);
            logger.debug("Removed the running row of {}", execution.step().label());
        }
    }

    /** Without the lock the row is not ours to touch: the instance that took over decides about it. */
    private static boolean isLockLost(Exception ex) {
        return ex instanceof TidemarkException tidemark && tidemark.errorCode() == ErrorCode.LOCK_LOST;
    }

}
