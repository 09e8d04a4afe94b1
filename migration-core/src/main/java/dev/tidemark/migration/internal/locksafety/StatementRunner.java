package dev.tidemark.migration.internal.locksafety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.PlannedStatement;

/**
 * Runs the statements of one attempt under the wait policy of their lock level ({@link WaitPolicy}): sets
 * {@code lock_timeout} and {@code statement_timeout} for each (transaction-local inside a transaction;
 * session-level in autocommit, put back by {@link #close()} so nothing leaks into a pooled connection), has
 * the {@link LockWatchdog} watch it, reports lock waits to the listener and turns a lock timeout or the
 * watchdog's cancel into a {@link LockConflict}. Inside a transaction a statement waits under the policy of
 * the strongest lock the transaction holds once it has its own: a {@code VALIDATE CONSTRAINT} after an
 * {@code ALTER TABLE} in the same transaction waits, like the ALTER, with the table locked for everyone.
 * Not thread-safe: one per attempt.
 */
public final class StatementRunner implements AutoCloseable {

    static final String LOCK_NOT_AVAILABLE = "55P03";

    static final String QUERY_CANCELED = "57014";

    private final Connection connection;

    private final int pid;

    private final Unit unit;

    private final LockWatchdog watchdog;

    private final MigrationListener listener;

    private final WaitPolicy policy;

    private final AdaptiveLockTimeout adaptive;

    private final boolean inTransaction;

    private LockLevel held = LockLevel.NONE;

    private @Nullable String lockTimeoutSet;

    private @Nullable String statementTimeoutSet;

    private @Nullable String originalLockTimeout;

    private @Nullable String originalStatementTimeout;

    StatementRunner(Connection connection, int pid, Unit unit, LockWatchdog watchdog, MigrationListener listener,
            WaitPolicy policy, AdaptiveLockTimeout adaptive, boolean inTransaction) {
        this.connection = connection;
        this.pid = pid;
        this.unit = unit;
        this.watchdog = watchdog;
        this.listener = listener;
        this.policy = policy;
        this.adaptive = adaptive;
        this.inTransaction = inTransaction;
    }

    /**
     * Runs one SQL statement as written (JDBC escape syntax such as {@code {fn ...}} is not ours to rewrite).
     * @throws LockConflict when it gave up on a lock
     * @throws SQLException when it failed otherwise
     */
    public void run(PlannedStatement statement) throws SQLException {
        call(statement.line(), statement.sql(), statement.lockLevel(), () -> {
            try (Statement jdbc = this.connection.createStatement()) {
                jdbc.setEscapeProcessing(false);
                jdbc.execute(statement.sql());
            }
        });
    }

    /**
     * Runs JDBC work on the runner's connection under the wait policy of a lock level, e.g. a backfill batch.
     * @param line the 1-based line of the statement in its script, 0 if none, for messages
     * @param sql the statement (or a description of the work), for messages
     * @param level the strongest table lock the work takes
     * @throws LockConflict when it gave up on a lock
     * @throws SQLException when it failed otherwise
     * @throws JavaMigrationFailure when the work threw something else
     */
    public void call(int line, String sql, LockLevel level, Work work) throws SQLException {
        LockLevel effective = this.inTransaction ? WaitPolicy.stronger(this.held, level) : level;
        boolean blocks = WaitPolicy.blocksApplication(effective);
        watched(line, sql, this.policy.lockTimeout(effective, this.adaptive.current()),
                this.policy.statementTimeout(effective), this.policy.cancelWhenBlocking(), blocks, work);
        if (this.inTransaction) {
            this.held = effective;
        }
        else {
            this.adaptive.reset();
        }
    }

    /**
     * Runs a Java migration, whose locks Tidemark cannot know. Inside a transaction it waits like a statement
     * that blocks the application (the whole migration is retried); outside one it cannot be retried, so it
     * runs under the plain {@code lockTimeout} and is never cancelled. No {@code statement_timeout} unless its
     * unit sets one, since it may backfill.
     */
    public void callJava(Work work) throws SQLException {
        Duration statementTimeout = this.policy.statementTimeout(LockLevel.ROW_EXCLUSIVE);
        if (this.inTransaction) {
            watched(0, "Java migration", this.policy.lockTimeout(LockLevel.OTHER, this.adaptive.current()),
                    statementTimeout, this.policy.cancelWhenBlocking(), true, work);
        }
        else {
            Duration fixed = this.unit.lockTimeout();
            watched(0, "Java migration", (fixed != null) ? fixed : this.policy.settings().lockTimeout(),
                    statementTimeout, false, true, work);
        }
    }

    private void watched(int line, String sql, Duration lockTimeout, Duration statementTimeout, boolean cancellable,
            boolean blocksApplication, Work work) throws SQLException {
        applySettings(lockTimeout, statementTimeout);
        String label = this.unit.label() + " (" + this.unit.script() + ((line > 0) ? " line " + line : "") + ")";
        StatementWatch watch = this.watchdog.watch(this.pid, label, cancellable, blocksApplication);
        long start = System.nanoTime();
        Exception failure = null;
        try {
            work.run();
        }
        catch (Exception ex) {
            failure = ex;
        }
        StatementWatch.Report report = watch.finish();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (failure == null) {
            if (!report.waited().isZero() || report.blockedSessions() > 0) {
                this.listener.statementLockWaited(this.unit.info(), report.waited(), report.blockedSessions());
            }
            return;
        }
        SQLException sqlFailure = sqlException(failure);
        String state = (sqlFailure != null) ? sqlFailure.getSQLState() : null;
        boolean cancelled = QUERY_CANCELED.equals(state) && report.cancelled();
        if (sqlFailure != null && (LOCK_NOT_AVAILABLE.equals(state) || cancelled)) {
            Duration waited = (report.waited().compareTo(elapsed) > 0) ? report.waited() : elapsed;
            this.listener.statementLockTimedOut(this.unit.info(), waited, report.blockedSessions(), cancelled);
            throw new LockConflict(line, sql, cancelled, lockTimeout, report, sqlFailure);
        }
        if (failure instanceof SQLException ex) {
            throw ex;
        }
        throw new JavaMigrationFailure(failure);
    }

    private static @Nullable SQLException sqlException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException ex) {
                return ex;
            }
        }
        return null;
    }

    private void applySettings(Duration lockTimeout, Duration statementTimeout) throws SQLException {
        String lock = lockTimeout.toMillis() + "ms";
        String statement = statementTimeout.toMillis() + "ms";
        if (lock.equals(this.lockTimeoutSet) && statement.equals(this.statementTimeoutSet)) {
            return;
        }
        if (!this.inTransaction && this.originalLockTimeout == null) {
            try (Statement jdbc = this.connection.createStatement(); ResultSet result = jdbc.executeQuery(
                    "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")) {
                result.next();
                this.originalLockTimeout = result.getString(1);
                this.originalStatementTimeout = result.getString(2);
            }
        }
        set(lock, statement);
        this.lockTimeoutSet = lock;
        this.statementTimeoutSet = statement;
    }

    private void set(String lockTimeout, String statementTimeout) throws SQLException {
        // is_local = true is SET LOCAL: it ends with the attempt's transaction, committed or rolled back.
        try (PreparedStatement jdbc = this.connection.prepareStatement(
                "SELECT set_config('lock_timeout', ?, ?), set_config('statement_timeout', ?, ?)")) {
            jdbc.setString(1, lockTimeout);
            jdbc.setBoolean(2, this.inTransaction);
            jdbc.setString(3, statementTimeout);
            jdbc.setBoolean(4, this.inTransaction);
            jdbc.executeQuery().close();
        }
    }

    /** Puts back the session's own timeouts after autocommit statements; a no-op inside a transaction. */
    @Override
    public void close() throws SQLException {
        String lockTimeout = this.originalLockTimeout;
        String statementTimeout = this.originalStatementTimeout;
        if (this.inTransaction || lockTimeout == null || statementTimeout == null) {
            return;
        }
        set(lockTimeout, statementTimeout);
        this.originalLockTimeout = null;
        this.lockTimeoutSet = null;
        this.statementTimeoutSet = null;
    }

    /** Work that runs JDBC statements on the runner's connection. */
    @FunctionalInterface
    public interface Work {

        /** Does the work. */
        void run() throws Exception;

    }

    /** Work failed with something other than an SQLException (a Java migration's own exception); carries it. */
    public static final class JavaMigrationFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Exception failure;

        JavaMigrationFailure(Exception cause) {
            super(cause.getMessage(), cause);
            this.failure = cause;
        }

        /** What the work threw. */
        public Exception failure() {
            return this.failure;
        }

    }

}
