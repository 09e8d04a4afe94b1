package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.LockSafetySettings;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.locksafety.LockSafety;
import dev.tidemark.migration.internal.plan.PlanStep;

/**
 * Applies the steps of a plan on the DDL connection and records them in the history. The only place that
 * sends migration SQL to the database: one statement per {@code execute}, never a multi-statement string
 * (the server would run such a string as one implicit transaction, which {@code CREATE INDEX
 * CONCURRENTLY} refuses). A step runs in one transaction ({@link TransactionalApply}) or statement by
 * statement ({@link AutocommitApply}), as its plan says; either way every statement runs under the lock
 * policy of its lock level ({@link LockSafety}, one for the whole run), and the migration lock is verified
 * before every statement and every history write.
 * <p>
 * Close it after the run. Not thread-safe: one migrating thread uses it.
 */
public final class MigrationExecutor implements AutoCloseable {

    private final HistoryTable history;

    private final HistoryTable.Attribution by;

    private final LockGuard lock;

    private final LockSafety lockSafety;

    /**
     * Creates the executor for one run.
     * @param history the history table
     * @param by the host and code version recorded with each row
     * @param settings the lock policy
     * @param dataSource where the watchdog opens its connection
     * @param listener receives lock wait and retry events
     * @param lock proves the migration lock is still held
     */
    public MigrationExecutor(HistoryTable history, HistoryTable.Attribution by, LockSafetySettings settings,
            DataSource dataSource, MigrationListener listener, LockGuard lock) {
        this.history = history;
        this.by = by;
        this.lock = lock;
        this.lockSafety = new LockSafety(settings, dataSource, listener);
    }

    /**
     * Applies one step and records it, or finds at the last check that it must wait.
     * @param connection the DDL connection, in autocommit
     * @param step the step
     * @param gate the last fleet check of a gated step
     * @return what became of it
     * @throws dev.tidemark.migration.StatementFailedException when a statement fails
     * @throws dev.tidemark.migration.LockTimeoutRetriesExhaustedException when its statements kept giving up on locks
     * @throws TidemarkException with {@link ErrorCode#LOCK_LOST} when the migration lock was lost
     */
    public StepResult apply(Connection connection, PlanStep step, StepGate gate) {
        try {
            StepExecution execution = new StepExecution(connection, step, this.lockSafety, this.lock, this.history,
                    this.by);
            return step.planned().transactional() ? TransactionalApply.run(execution, gate)
                    : AutocommitApply.run(execution, gate);
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not run " + step.label() + " ("
                    + step.migration().script() + "): " + ex.getMessage() + " (SQL state " + ex.getSQLState() + ")", ex);
        }
    }

    /** Stops the watchdog and closes its connection. */
    @Override
    public void close() {
        this.lockSafety.close();
    }

}
