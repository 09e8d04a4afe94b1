package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.PlannedStatement;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;

/**
 * Runs single statements of one migration under its lock policy: sets {@code lock_timeout} and
 * {@code statement_timeout} for each (transaction-local inside a transaction; session-level in
 * autocommit, put back by {@link #close()} so nothing leaks into a pooled connection),
 * has the {@link LockWatchdog} watch it, reports lock waits to the listener and turns a lock timeout or
 * the watchdog's cancel into a {@link LockConflict}. Not thread-safe: one per migration attempt.
 */
final class StatementRunner implements AutoCloseable {

    static final String LOCK_NOT_AVAILABLE = "55P03";

    static final String QUERY_CANCELED = "57014";

    private final Connection connection;

    private final int pid;

    private final ResolvedMigration migration;

    private final MigrationInfo info;

    private final LockWatchdog watchdog;

    private final MigrationListener listener;

    private final LockPolicy policy;

    private final boolean inTransaction;

    private @Nullable String lockTimeoutSet;

    private @Nullable String statementTimeoutSet;

    private @Nullable String originalLockTimeout;

    private @Nullable String originalStatementTimeout;

    StatementRunner(Connection connection, int pid, ResolvedMigration migration, MigrationInfo info,
            LockWatchdog watchdog, MigrationListener listener, LockPolicy policy, boolean inTransaction) {
        this.connection = connection;
        this.pid = pid;
        this.migration = migration;
        this.info = info;
        this.watchdog = watchdog;
        this.listener = listener;
        this.policy = policy;
        this.inTransaction = inTransaction;
    }

    /**
     * Runs one SQL statement.
     * @throws LockConflict when it gave up on a lock
     * @throws SQLException when it failed otherwise
     */
    void run(PlannedStatement statement) throws SQLException {
        LockLevel level = statement.lockLevel();
        Duration statementTimeout = this.policy.statementTimeout(this.migration, level);
        String label = this.migration.label() + " (" + this.migration.script() + " line " + statement.line() + ")";
        watched(label, statement.line(), statement.sql(), statementTimeout, LockPolicy.cancellable(level), () -> {
            try (Statement jdbc = this.connection.createStatement()) {
                // The script is sent as written: JDBC escape syntax such as {fn ...} is not ours to rewrite.
                jdbc.setEscapeProcessing(false);
                jdbc.execute(statement.sql());
            }
        });
    }

    /**
     * Runs a Java migration under the migration's {@code lock_timeout}; no {@code statement_timeout}
     * unless a directive sets one, since it may backfill. The watchdog may cancel it only inside a
     * transaction, where the whole migration is retried.
     */
    void runJava(Connection javaConnection) throws SQLException {
        Duration statementTimeout = this.policy.statementTimeout(this.migration, LockLevel.ROW_EXCLUSIVE);
        watched(this.migration.label() + " (" + this.migration.script() + ")", 0, "Java migration", statementTimeout,
                this.inTransaction, () -> Objects.requireNonNull(this.migration.java(), "Java migration").migrate(javaConnection));
    }

    private void watched(String label, int line, String sql, Duration statementTimeout, boolean cancellable,
            Work work) throws SQLException {
        applySettings(this.policy.lockTimeout(this.migration), statementTimeout);
        LockWatchdog.Watch watch = this.watchdog.watch(this.pid, label,
                cancellable && this.policy.cancelWhenBlocking());
        long start = System.nanoTime();
        Exception failure = null;
        try {
            work.run();
        }
        catch (Exception ex) {
            failure = ex;
        }
        LockWatchdog.Report report = watch.finish();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (failure == null) {
            if (!report.waited().isZero() || report.blockedSessions() > 0) {
                this.listener.statementLockWaited(this.info, report.waited(), report.blockedSessions());
            }
            return;
        }
        SQLException sqlFailure = sqlException(failure);
        String state = (sqlFailure != null) ? sqlFailure.getSQLState() : null;
        boolean cancelled = QUERY_CANCELED.equals(state) && report.cancelled();
        if (sqlFailure != null && (LOCK_NOT_AVAILABLE.equals(state) || cancelled)) {
            Duration waited = (report.waited().compareTo(elapsed) > 0) ? report.waited() : elapsed;
            this.listener.statementLockTimedOut(this.info, waited, report.blockedSessions(), cancelled);
            throw new LockConflict(line, sql, cancelled, report.blockers(), sqlFailure);
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
        // is_local = true is SET LOCAL: it ends with the migration's transaction, committed or rolled back.
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

    @FunctionalInterface
    private interface Work {

        void run() throws Exception;

    }

    /** A Java migration failed with something other than an SQLException; carries it to the executor. */
    static final class JavaMigrationFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Exception failure;

        JavaMigrationFailure(Exception cause) {
            super(cause.getMessage(), cause);
            this.failure = cause;
        }

        /** What the Java migration threw. */
        Exception failure() {
            return this.failure;
        }

    }

    /**
     * The lock policy of a run: the {@code lock_timeout} and {@code statement_timeout} of each
     * statement, migration directives first.
     */
    record LockPolicy(Duration lockTimeout, Duration statementTimeout, boolean cancelWhenBlocking) {

        Duration lockTimeout(ResolvedMigration migration) {
            Duration directive = migration.directives().lockTimeout();
            return (directive != null) ? directive : this.lockTimeout;
        }

        /**
         * The directive if any ({@code none} is zero), else the bound for every level that makes application
         * writes (or reads) wait while the statement runs, because a long hold of such a lock is an outage;
         * else none (zero): SHARE UPDATE EXCLUSIVE work and plain DML may be long (an index build, a backfill)
         * and do not stop the application.
         */
        Duration statementTimeout(ResolvedMigration migration, LockLevel level) {
            Duration directive = migration.directives().statementTimeout();
            if (directive != null) {
                return directive;
            }
            return level.blocksWrites() ? this.statementTimeout : Duration.ZERO;
        }

        /**
         * Whether the watchdog may cancel a statement of this level while it waits for its lock and application
         * sessions queue behind it. Not for SHARE UPDATE EXCLUSIVE work: ordinary reads and writes never queue
         * behind it, and cancelling {@code CREATE INDEX CONCURRENTLY} would throw away a half-built index.
         */
        static boolean cancellable(LockLevel level) {
            return level.blocksWrites();
        }

    }

}
