package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.LockTimeoutRetriesExhaustedException;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.StatementFailedException;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.internal.execute.StatementLocks.ConcurrentIndex;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.resolve.Checksums;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.sql.TableName;

/**
 * Runs one migration on the DDL connection and records it in the history. The only place that sends
 * migration SQL to the database: one statement per {@code execute}, never a multi-statement string
 * (the server would run such a string as one implicit transaction, which {@code CREATE INDEX
 * CONCURRENTLY} refuses).
 * <p>
 * Lock safety: every statement runs under {@code lock_timeout} and, when it takes a lock that stops
 * application writes, a bounded {@code statement_timeout} (see {@link LockLevel}); a {@link LockWatchdog}
 * watches it. When a statement gives up on a lock (SQLSTATE 55P03, or the watchdog cancelled it because
 * application sessions queued behind it) a transactional migration is rolled back and retried whole, a
 * non-transactional one retries that statement, after a pause from {@link LockRetryBackoff}; when the
 * retries run out, {@link LockTimeoutRetriesExhaustedException} names the blockers. Close it after the
 * run. Not thread-safe: one migrating thread uses it.
 */
public final class MigrationExecutor implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

    private final HistoryTable history;

    private final TidemarkConfiguration configuration;

    private final MigrationListener listener;

    private final StatementRunner.LockPolicy policy;

    private @Nullable LockWatchdog watchdog;

    /**
     * Creates the executor.
     * @param history the history table
     * @param configuration the configuration (host, code version, lock policy, data source for the watchdog)
     * @param listener receives lock wait and retry events
     */
    public MigrationExecutor(HistoryTable history, TidemarkConfiguration configuration, MigrationListener listener) {
        this.history = history;
        this.configuration = configuration;
        this.listener = listener;
        this.policy = new StatementRunner.LockPolicy(configuration.lockSafety().lockTimeout(), configuration.lockSafety().statementTimeout(),
                configuration.lockSafety().cancelWhenBlocking());
    }

    /**
     * Applies a migration and records it.
     * @param connection the DDL connection, outside any transaction
     * @param migration the migration
     * @param previousFailure the failed row of an earlier attempt of a non-transactional migration, if any
     * @param note recorded with the history row, e.g. why the gating rules were overridden; {@code null} for none
     * @param beforeCommit checks run right before the migration commits (e.g. that the lock is still held)
     * @return how long it ran
     * @throws StatementFailedException when a statement fails
     * @throws LockTimeoutRetriesExhaustedException when its statements kept giving up on their locks
     */
    public Duration apply(Connection connection, ResolvedMigration migration, @Nullable AppliedMigration previousFailure,
            @Nullable String note, Runnable beforeCommit) {
        MigrationInfo info = infoOf(migration, previousFailure);
        try {
            LockWatchdog watchdog = watchdog();
            int pid = StatementRunner.backendPid(connection);
            RetryBudget attempts = new RetryBudget(migration, info, this.configuration, this.listener, this.policy);
            return migration.transactional()
                    ? applyInTransaction(connection, pid, watchdog, migration, info, attempts, note, beforeCommit)
                    : applyInAutocommit(connection, pid, watchdog, migration, info, attempts, previousFailure, note);
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not run " + migration.label() + " ("
                    + migration.script() + "): " + ex.getMessage(), ex);
        }
    }

    /**
     * One watchdog (a thread and a connection) for the whole run, opened with the first migration: it
     * parks between statements, and opening one per migration would cost a connection each.
     */
    private LockWatchdog watchdog() {
        if (this.watchdog == null) {
            this.watchdog = LockWatchdog.open(this.configuration.dataSource(), this.configuration.lockSafety().watchdogInterval());
        }
        return this.watchdog;
    }

    /** Stops the watchdog and closes its connection. */
    @Override
    public void close() {
        if (this.watchdog != null) {
            this.watchdog.close();
            this.watchdog = null;
        }
    }

    private Duration applyInTransaction(Connection connection, int pid, LockWatchdog watchdog,
            ResolvedMigration migration, MigrationInfo info, RetryBudget attempts, @Nullable String note,
            Runnable beforeCommit) {
        while (true) {
            try {
                return attemptInTransaction(connection, pid, watchdog, migration, info, note, beforeCommit);
            }
            catch (LockConflict conflict) {
                attempts.failed(conflict);
            }
        }
    }

    private Duration attemptInTransaction(Connection connection, int pid, LockWatchdog watchdog,
            ResolvedMigration migration, MigrationInfo info, @Nullable String note, Runnable beforeCommit) {
        long start = System.nanoTime();
        try {
            connection.setAutoCommit(false);
            try {
                StatementRunner runner = new StatementRunner(connection, pid, migration, info, watchdog, this.listener,
                        this.policy, true);
                if (migration.java() != null) {
                    runJava(runner, connection, migration);
                }
                else {
                    for (SqlStatement statement : migration.statements()) {
                        runStatement(runner, migration, statement);
                    }
                }
                Duration took = elapsed(start);
                this.history.recordSuccess(connection, migration, this.configuration.fleet().host(), codeVersion(), took, note);
                beforeCommit.run();
                connection.commit();
                return took;
            }
            catch (RuntimeException | SQLException ex) {
                rollback(connection);
                throw ex;
            }
            finally {
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not record " + migration.label() + " ("
                    + migration.script() + ") in " + this.history.qualifiedName() + ": " + ex.getMessage()
                    + "; the migration was rolled back", ex);
        }
    }

    private Duration applyInAutocommit(Connection connection, int pid, LockWatchdog watchdog,
            ResolvedMigration migration, MigrationInfo info, RetryBudget attempts,
            @Nullable AppliedMigration previousFailure, @Nullable String note) throws SQLException {
        long start = System.nanoTime();
        int resumeAt = resumePoint(migration, previousFailure);
        int done = resumeAt;
        connection.setAutoCommit(true);
        StatementRunner runner = new StatementRunner(connection, pid, migration, info, watchdog, this.listener,
                this.policy, false);
        try {
            if (migration.java() != null) {
                runJava(runner, connection, migration);
            }
            else {
                for (int i = resumeAt; i < migration.statements().size(); i++) {
                    runWithRetries(connection, runner, migration, migration.statements().get(i), attempts);
                    done = i + 1;
                }
            }
        }
        catch (StatementFailedException | LockTimeoutRetriesExhaustedException ex) {
            runner.restoreSessionSettings();
            recordFailure(connection, migration, elapsed(start), done);
            throw ex;
        }
        finally {
            runner.restoreSessionSettings();
        }
        Duration took = elapsed(start);
        connection.setAutoCommit(false);
        try {
            this.history.deleteFailures(connection, migration.version());
            this.history.recordSuccess(connection, migration, this.configuration.fleet().host(), codeVersion(), took, note);
            connection.commit();
        }
        catch (SQLException ex) {
            rollback(connection);
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not record " + migration.label() + " ("
                    + migration.script() + ") in " + this.history.qualifiedName() + ": " + ex.getMessage(), ex);
        }
        finally {
            connection.setAutoCommit(true);
        }
        return took;
    }

    /** Runs one autocommit statement, retrying it alone after lock conflicts: the ones before it stay applied. */
    private void runWithRetries(Connection connection, StatementRunner runner, ResolvedMigration migration,
            SqlStatement statement, RetryBudget attempts) {
        while (true) {
            try {
                Optional<ConcurrentIndex> index = StatementLocks.concurrentIndexOf(statement);
                String schema = null;
                if (index.isPresent()) {
                    schema = sql(migration, statement, () -> ConcurrentIndexRepair.schemaOf(connection, index.get()))
                        .orElse(null);
                    if (schema != null) {
                        String targetSchema = schema;
                        Optional<String> drop = sql(migration, statement, () -> ConcurrentIndexRepair
                            .dropInvalid(connection, targetSchema, index.get(), migration.label()));
                        if (drop.isPresent()) {
                            runStatement(runner, migration, new SqlStatement(drop.get(), statement.line()));
                        }
                    }
                }
                runStatement(runner, migration, statement);
                if (index.isPresent() && schema != null) {
                    checkValid(connection, migration, statement, schema, index.get());
                }
                return;
            }
            catch (LockConflict conflict) {
                attempts.failed(conflict);
            }
        }
    }

    /** IF NOT EXISTS skips the build when any index of that name exists, even an INVALID one another session left. */
    private static void checkValid(Connection connection, ResolvedMigration migration, SqlStatement statement,
            String schema, ConcurrentIndex index) {
        Boolean valid;
        try {
            valid = ConcurrentIndexRepair.validity(connection, schema, index.name());
        }
        catch (SQLException ex) {
            throw statementFailed(migration, statement, ex);
        }
        if (Boolean.FALSE.equals(valid)) {
            String name = TableName.quote(schema) + "." + TableName.quote(index.name());
            throw new StatementFailedException(migration.script(), statement.line(), null, migration.label()
                    + " failed at " + migration.script() + " line " + statement.line() + ": index " + name
                    + " is INVALID after CREATE INDEX CONCURRENTLY" + (index.ifNotExists() ? " (IF NOT EXISTS kept an "
                            + "existing invalid index, probably built by another session at the same time)" : "")
                    + ". Drop it with DROP INDEX CONCURRENTLY " + name + " and run again.", null);
        }
    }

    private static void runStatement(StatementRunner runner, ResolvedMigration migration, SqlStatement statement) {
        try {
            runner.run(statement);
        }
        catch (SQLException ex) {
            throw statementFailed(migration, statement, ex);
        }
    }

    private static void runJava(StatementRunner runner, Connection connection, ResolvedMigration migration) {
        try {
            runner.runJava(connection);
        }
        catch (LockConflict ex) {
            if (migration.transactional()) {
                throw ex;
            }
            throw javaFailed(migration, ex.sqlException());
        }
        catch (SQLException ex) {
            throw javaFailed(migration, ex);
        }
        catch (StatementRunner.JavaMigrationFailure ex) {
            throw new StatementFailedException(migration.script(), 0, null, migration.label() + " ("
                    + migration.script() + ") failed: " + ex.getCause() + outcome(migration), ex.getCause());
        }
        catch (Exception ex) {
            throw new StatementFailedException(migration.script(), 0, null, migration.label() + " ("
                    + migration.script() + ") failed: " + ex + outcome(migration), ex);
        }
    }

    private static StatementFailedException javaFailed(ResolvedMigration migration, SQLException ex) {
        return new StatementFailedException(migration.script(), 0, ex.getSQLState(), migration.label() + " ("
                + migration.script() + ") failed (SQL state " + ex.getSQLState() + "): " + ex.getMessage()
                + outcome(migration), ex);
    }

    /**
     * A non-transactional migration that failed part-way continues with the failed statement, provided
     * the statements that completed are unchanged (the failed row records their checksum), so fixing the
     * failed statement itself is the expected repair. Otherwise it starts again from the top.
     */
    private static int resumePoint(ResolvedMigration migration, @Nullable AppliedMigration previousFailure) {
        if (previousFailure == null || previousFailure.statementsApplied() == 0) {
            return 0;
        }
        int done = previousFailure.statementsApplied();
        if (done < migration.statements().size()
                && Checksums.ofStatements(migration.statements(), done).equals(previousFailure.checksum())) {
            logger.info("Resuming {} at statement {} of {}: the statements before it completed in an earlier run",
                    migration.label(), done + 1, migration.statements().size());
            return done;
        }
        logger.warn("{} failed in an earlier run after {} statement(s), and those statements changed since; "
                + "running it again from the top", migration.label(), done);
        return 0;
    }

    private void recordFailure(Connection connection, ResolvedMigration migration, Duration took, int statementsApplied) {
        try {
            connection.setAutoCommit(false);
            this.history.deleteFailures(connection, migration.version());
            this.history.recordFailure(connection, migration, Checksums.ofStatements(migration.statements(), statementsApplied),
                    this.configuration.fleet().host(), codeVersion(), took, statementsApplied);
            connection.commit();
            connection.setAutoCommit(true);
        }
        catch (SQLException ex) {
            rollback(connection);
            logger.error("Could not record the failure of {} in {}", migration.label(), this.history.qualifiedName(), ex);
        }
    }

    private String codeVersion() {
        return this.configuration.codeVersion().toString();
    }

    /** The event view of a migration about to run; the catalog's full description is the facade's business. */
    private static MigrationInfo infoOf(ResolvedMigration migration, @Nullable AppliedMigration previousFailure) {
        return new MigrationInfo(migration.version(), migration.description(), migration.phase(), migration.release(),
                migration.script(), migration.checksum(),
                (previousFailure != null) ? MigrationState.FAILED : MigrationState.PENDING, null, null, null, null, null,
                null, null);
    }

    private static StatementFailedException statementFailed(ResolvedMigration migration, SqlStatement statement,
            SQLException ex) {
        String message = migration.label() + " failed at " + migration.script() + " line " + statement.line()
                + " (SQL state " + ex.getSQLState() + "): " + firstLine(ex.getMessage()) + "\n    Statement: "
                + abbreviate(statement.sql()) + "\n    " + outcome(migration);
        return new StatementFailedException(migration.script(), statement.line(), ex.getSQLState(), message, ex);
    }

    private static String outcome(ResolvedMigration migration) {
        return migration.transactional()
                ? "The migration was rolled back: nothing of it was applied or recorded. Fix it and start again."
                : "It runs outside a transaction, so the statements before this one stay applied; the next run "
                        + "continues with this statement.";
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline >= 0) ? message.substring(0, newline) : message;
    }

    static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return (flat.length() > 200) ? flat.substring(0, 197) + "..." : flat;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        }
        catch (SQLException ex) {
            logger.debug("Rollback failed", ex);
        }
    }

    private static <T> T sql(ResolvedMigration migration, SqlStatement statement, SqlCall<T> call) {
        try {
            return call.call();
        }
        catch (SQLException ex) {
            throw statementFailed(migration, statement, ex);
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {

        T call() throws SQLException;

    }

}
