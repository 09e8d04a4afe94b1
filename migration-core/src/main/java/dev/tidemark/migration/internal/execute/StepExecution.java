package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.PlannedStatement;
import dev.tidemark.migration.StatementFailedException;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.locksafety.LockConflict;
import dev.tidemark.migration.internal.locksafety.LockSafety;
import dev.tidemark.migration.internal.locksafety.LockWaits;
import dev.tidemark.migration.internal.locksafety.StatementRunner;
import dev.tidemark.migration.internal.locksafety.Unit;
import dev.tidemark.migration.internal.plan.PlanStep;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;

/**
 * The execution of one plan step, across all its attempts: what both ways of applying a migration (in
 * a transaction, or statement by statement) share. It owns the DDL connection's view of the step (its
 * lock waits and retry budget, its clock) and builds the failures that name the migration, file and
 * line. Not thread-safe: the migrating thread uses it.
 */
final class StepExecution {

    private final Connection connection;

    private final PlanStep step;

    private final LockWaits waits;

    private final LockGuard lock;

    private final HistoryTable history;

    private final HistoryTable.Attribution by;

    private final long startNanos = System.nanoTime();

    StepExecution(Connection connection, PlanStep step, LockSafety lockSafety, LockGuard lock, HistoryTable history,
            HistoryTable.Attribution by) throws SQLException {
        this.connection = connection;
        this.step = step;
        ResolvedMigration migration = step.migration();
        this.waits = lockSafety.start(connection, new Unit(step.label(), migration.script(), info(),
                step.planned().transactional(), migration.directives().lockTimeout(),
                migration.directives().statementTimeout()));
        this.lock = lock;
        this.history = history;
        this.by = by;
    }

    Connection connection() {
        return this.connection;
    }

    PlanStep step() {
        return this.step;
    }

    ResolvedMigration migration() {
        return this.step.migration();
    }

    MigrationInfo info() {
        return this.step.planned().migration();
    }

    HistoryTable history() {
        return this.history;
    }

    HistoryTable.Attribution by() {
        return this.by;
    }

    /** A runner for the statements of one attempt; inside a transaction its settings end with it. */
    StatementRunner runner(boolean inTransaction) {
        return this.waits.runner(inTransaction);
    }

    /** Stops at once, before anything more is done or recorded, when the migration lock was lost. */
    void verifyLock() {
        this.lock.verify();
    }

    /** Counts a failed attempt and pauses before the next, or throws when none may follow. */
    void retryAfter(LockConflict conflict) {
        this.waits.retryAfter(conflict);
    }

    /** How many attempts have started. */
    int attempts() {
        return this.waits.attempts();
    }

    /** How long the step has run, from its first attempt, pauses included. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - this.startNanos);
    }

    /** A statement failed; the consequence says what that left behind and what to do. */
    StatementFailedException statementFailed(PlannedStatement statement, SQLException ex, String consequence) {
        return new StatementFailedException(this.step.label(), migration().script(), statement.line(), ex.getSQLState(),
                firstLine(ex.getMessage()), statement.sql(), consequence, ex);
    }

    /** A Java migration failed; the consequence says what that left behind and what to do. */
    StatementFailedException javaFailed(Throwable ex, String consequence) {
        String sqlState = (ex instanceof SQLException sql) ? sql.getSQLState() : null;
        String error = (ex instanceof SQLException) ? firstLine(ex.getMessage()) : ex.toString();
        return new StatementFailedException(this.step.label(), migration().script(), 0, sqlState, error, null,
                consequence, ex);
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline >= 0) ? message.substring(0, newline) : message;
    }

}
