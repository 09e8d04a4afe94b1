package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.InterruptedMigrationException;
import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.PlannedStatement;
import dev.tidemark.migration.StatementFailedException;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.locksafety.LockConflict;
import dev.tidemark.migration.internal.locksafety.StatementRunner;
import dev.tidemark.migration.internal.plan.PlanStep;
import dev.tidemark.migration.internal.resolve.Checksums;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.IndexBuild;
import dev.tidemark.migration.internal.sql.LockClassifier;

/**
 * Applies a migration that PostgreSQL cannot run in a transaction, statement by statement in autocommit,
 * so that a crash at any point leaves a state the next run can continue from:
 * <ol>
 *   <li>before the first statement a running row records that it started, by whom (host, code version,
 *       the database session's pid and start time);</li>
 *   <li>after each statement the row records how many statements completed and their checksum;</li>
 *   <li>at the end the row becomes the success row; a failure turns it into a failed row.</li>
 * </ol>
 * A later run continues after the completed statements (if they are unchanged). Only the statement that
 * ran when a process died is uncertain: an index build is checked in the catalog (a valid index of its
 * name means it completed; an INVALID one is dropped and built again; an index without a name cannot be
 * checked, so the run refuses and says what to look at); any other statement runs again, and if it
 * fails the message says it may have completed before the crash. A statement that gives up on its lock
 * is retried alone. Not thread-safe.
 */
final class AutocommitApply {

    private static final Logger logger = LoggerFactory.getLogger(AutocommitApply.class);

    static final String CONTINUES = "It runs outside a transaction, so the statements before this one stay applied; "
            + "the next run continues with this statement.";

    private static final String JAVA_RERUNS = "It runs outside a transaction: what it did before failing stays, and the "
            + "next run runs it again from the start, so it must be safe to run again.";

    private static final String MAY_HAVE_RUN = "The process that ran this migration before died while this statement "
            + "ran, so it may have completed then: if it did, make it safe to run again (IF NOT EXISTS, IF EXISTS) or "
            + "remove it from the file; the statements before it are recorded as completed and stay so. ";

    private AutocommitApply() {
    }

    static StepResult run(StepExecution execution, StepGate gate) throws SQLException {
        PlanStep step = execution.step();
        ResolvedMigration migration = step.migration();
        Connection connection = execution.connection();
        HistoryTable history = execution.history();
        int first = step.planned().resumeAt();
        boolean uncertain = step.resumesAfterACrash() && migration.java() == null
                && first < step.planned().statements().size();
        if (uncertain && completedBeforeTheCrash(execution, first)) {
            first++;
            uncertain = false;
        }
        if (migration.java() != null && step.resumesAfterACrash()) {
            logger.warn("{} was interrupted by a process that died; running it again from the start", step.label());
        }
        else if (first > 0) {
            logger.info("Resuming {} at statement {} of {}: the statements before it completed in an earlier run",
                    step.label(), first + 1, step.planned().statements().size());
        }
        else if (step.previousAttempt() != null && step.previousAttempt().statementsApplied() > 0) {
            logger.warn("{} stopped in an earlier run after {} statement(s), and those statements changed since; "
                    + "running it again from the top", step.label(), step.previousAttempt().statementsApplied());
        }
        execution.verifyLock();
        int rank = history.recordStart(connection, migration, execution.by(), first, checksum(migration, first));
        if (step.gated()) {
            String wait = gate.recheck(step);
            if (wait != null) {
                history.delete(connection, rank);
                return new StepResult.Deferred(wait);
            }
        }
        history.deleteUnfinishedExcept(connection, migration.version(), rank);
        int done = first;
        try (StatementRunner runner = execution.runner(false)) {
            if (migration.java() != null) {
                runJava(execution, runner);
            }
            else {
                for (int index = first; index < step.planned().statements().size(); index++) {
                    execution.verifyLock();
                    runStatement(execution, runner, index, uncertain && index == first);
                    done = index + 1;
                    execution.verifyLock();
                    history.recordProgress(connection, rank, done, checksum(migration, done), execution.elapsed());
                }
            }
        }
        catch (StatementFailedException | dev.tidemark.migration.LockTimeoutRetriesExhaustedException ex) {
            recordFailure(execution, rank, done, ex);
            throw ex;
        }
        execution.verifyLock();
        history.recordFinished(connection, rank, migration, execution.elapsed(), execution.attempts(),
                step.planned().note());
        return new StepResult.Applied(execution.elapsed(), execution.attempts());
    }

    /**
     * Whether the statement that ran when the earlier attempt's process died is known to have completed: an
     * index build whose valid index is there. Refuses when it cannot be told.
     */
    private static boolean completedBeforeTheCrash(StepExecution execution, int index) throws SQLException {
        PlannedStatement statement = execution.step().planned().statements().get(index);
        Optional<IndexBuild> build = LockClassifier.indexBuildOf(execution.migration().statements().get(index));
        if (build.isEmpty()) {
            return false;
        }
        IndexBuildRepair.Before before = IndexBuildRepair.before(execution.connection(), build.get());
        if (build.get().name() == null) {
            List<String> invalid = IndexBuildRepair.invalidIndexes(execution.connection(), before);
            throw new InterruptedMigrationException(execution.migration().script(), statement.line(),
                    execution.step().label() + " was interrupted (the process applying it died) while statement "
                            + (index + 1) + " at " + execution.migration().script() + " line " + statement.line()
                            + " ran: " + StatementFailedException.abbreviate(statement.sql()) + "\n    Whether it "
                            + "completed cannot be told, because PostgreSQL chose the index's name. The table's INVALID "
                            + "indexes now: " + (invalid.isEmpty() ? "none" : String.join(", ", invalid)) + ".\n    Check "
                            + "the table's indexes (\\d " + build.get().table() + "): drop an INVALID index it left with "
                            + "DROP INDEX CONCURRENTLY <name>; if it built a valid index, remove the statement from the "
                            + "file; otherwise give the index a name in the statement (it will then be checked). The "
                            + "statements before it are recorded as completed and are not run again.");
        }
        if (Boolean.TRUE.equals(IndexBuildRepair.validity(execution.connection(), before))) {
            logger.info("{}: the valid index {} shows that statement {} (line {}) completed before the process that ran "
                    + "it died", execution.step().label(), build.get().name(), index + 1, statement.line());
            return true;
        }
        return false;
    }

    private static void runStatement(StepExecution execution, StatementRunner runner, int index, boolean uncertain) {
        PlannedStatement statement = execution.step().planned().statements().get(index);
        Optional<IndexBuild> build = LockClassifier.indexBuildOf(execution.migration().statements().get(index));
        Connection connection = execution.connection();
        while (true) {
            IndexBuildRepair.Before before = null;
            try {
                if (build.isPresent()) {
                    before = IndexBuildRepair.before(connection, build.get());
                    String dropFirst = before.dropFirst();
                    if (dropFirst != null) {
                        IndexBuildRepair.logDrop(String.valueOf(before.invalidSameName()), execution.step().label(),
                                "left by an earlier failed build");
                        runner.run(new PlannedStatement(statement.line(), dropFirst, LockLevel.SHARE_UPDATE_EXCLUSIVE));
                        before = IndexBuildRepair.before(connection, build.get());
                    }
                }
                runner.run(statement);
                if (before != null && build.get().ifNotExists()
                        && Boolean.FALSE.equals(IndexBuildRepair.validity(connection, before))) {
                    throw new StatementFailedException(execution.step().label(), execution.migration().script(),
                            statement.line(), null, "index " + build.get().name() + " is INVALID after CREATE INDEX "
                                    + "CONCURRENTLY IF NOT EXISTS (it kept an existing invalid index, probably built by "
                                    + "another session at the same time)", statement.sql(),
                            "Drop it with DROP INDEX CONCURRENTLY and run again. " + CONTINUES, null);
                }
                return;
            }
            catch (LockConflict conflict) {
                dropLeftovers(execution, runner, before, statement);
                execution.retryAfter(conflict);
            }
            catch (SQLException ex) {
                String repaired = dropLeftovers(execution, runner, before, statement);
                throw execution.statementFailed(statement, ex, repaired + (uncertain ? MAY_HAVE_RUN : "") + CONTINUES);
            }
        }
    }

    /**
     * Drops the INVALID indexes a failed build left, at once, so that they neither slow every write nor
     * enforce a half-built uniqueness until the next run.
     * @return what was done, as the start of a sentence for the failure message
     */
    private static String dropLeftovers(StepExecution execution, StatementRunner runner,
            IndexBuildRepair.@Nullable Before before, PlannedStatement statement) {
        if (before == null) {
            return "";
        }
        List<String> dropped = new ArrayList<>();
        List<String> left = new ArrayList<>();
        try {
            for (String index : IndexBuildRepair.leftovers(execution.connection(), before)) {
                IndexBuildRepair.logDrop(index, execution.step().label(), "that its failed build left");
                try {
                    runner.run(new PlannedStatement(statement.line(), IndexBuildRepair.drop(index),
                            LockLevel.SHARE_UPDATE_EXCLUSIVE));
                    dropped.add(index);
                }
                catch (SQLException | RuntimeException ex) {
                    logger.warn("Could not drop the INVALID index {}: {}", index, ex.getMessage());
                    left.add(index);
                }
            }
        }
        catch (SQLException ex) {
            logger.warn("Could not look for INVALID indexes left by the failed build of {}: {}", execution.step().label(),
                    ex.getMessage());
            return "It may have left an INVALID index on " + before.build().table() + "; check the table's indexes. ";
        }
        String text = dropped.isEmpty() ? "" : "The INVALID index it left (" + String.join(", ", dropped)
                + ") was dropped. ";
        return text + (left.isEmpty() ? "" : "Drop the INVALID index it left with DROP INDEX CONCURRENTLY "
                + String.join(", ", left) + ". ");
    }

    private static void runJava(StepExecution execution, StatementRunner runner) {
        try {
            runner.callJava(() -> Objects.requireNonNull(execution.migration().java(), "Java migration")
                .migrate(execution.connection()));
        }
        catch (LockConflict ex) {
            throw execution.javaFailed(ex.sqlException(), JAVA_RERUNS);
        }
        catch (SQLException ex) {
            throw execution.javaFailed(ex, JAVA_RERUNS);
        }
        catch (StatementRunner.JavaMigrationFailure ex) {
            throw execution.javaFailed(ex.failure(), JAVA_RERUNS);
        }
    }

    /** Turns the running row into a failed one, unless the lock is gone: then the row is not ours to touch. */
    private static void recordFailure(StepExecution execution, int rank, int done, TidemarkException failure) {
        try {
            execution.verifyLock();
            execution.history().recordFailed(execution.connection(), rank, done, checksum(execution.migration(), done),
                    execution.elapsed(), execution.attempts());
        }
        catch (SQLException | RuntimeException ex) {
            failure.addSuppressed(ex);
            if (!(ex instanceof TidemarkException tidemark && tidemark.errorCode() == ErrorCode.LOCK_LOST)) {
                logger.error("Could not record the failure of {} in {}: {}", execution.step().label(),
                        execution.history().qualifiedName(), ex.getMessage());
            }
        }
    }

    private static @Nullable String checksum(ResolvedMigration migration, int completed) {
        return (completed > 0) ? Checksums.ofStatements(migration.statements(), completed) : null;
    }

}
