package dev.tidemark.migration.internal.lock;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.CRC32;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.LockWaitTimeoutException;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.internal.sql.IdleTimeouts;

/**
 * The lock that lets one instance migrate at a time: a session-level PostgreSQL advisory lock, taken
 * by polling {@code pg_try_advisory_lock} on a dedicated connection that stays idle and outside any
 * transaction while DDL runs on another connection.
 * <p>
 * Why this shape: a blocking {@code pg_advisory_lock} keeps the waiter's statement open, and
 * {@code CREATE INDEX CONCURRENTLY} on the holder waits for it, a deadlock; a transaction-scoped lock
 * makes {@code CREATE INDEX CONCURRENTLY} wait for the lock's own transaction, a hang. A session lock
 * vanishes with its session, so a crashed instance never leaves a stuck lock. Thread-safe.
 */
public final class AdvisoryLock {

    private static final Logger logger = LoggerFactory.getLogger(AdvisoryLock.class);

    /** First key of the two-key lock form, so Tidemark's locks are recognizable in {@code pg_locks}. */
    static final int NAMESPACE = 0x7469_6465; // "tide"

    private final DataSource dataSource;

    private final int key;

    private final String resource;

    /**
     * Creates the lock for one history table.
     * @param dataSource where to open the dedicated lock connection
     * @param resource what the lock protects, e.g. the qualified history table; instances that migrate
     *        the same history table share the lock
     */
    public AdvisoryLock(DataSource dataSource, String resource) {
        this.dataSource = dataSource;
        this.resource = resource;
        CRC32 crc = new CRC32();
        crc.update(resource.getBytes(StandardCharsets.UTF_8));
        this.key = (int) crc.getValue();
    }

    /**
     * Polls until the lock is taken or the wait is over.
     * @param pollInterval the pause between two attempts
     * @param waitTimeout the bound on the whole wait
     * @return the held lock; close it to release
     * @throws LockWaitTimeoutException naming the holder when the wait ends
     */
    public Held acquire(Duration pollInterval, Duration waitTimeout) {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        Connection connection = openConnection();
        try {
            connection.setAutoCommit(true);
            // The session stays idle while the lock is held; a server's idle_session_timeout would end it, and
            // with it the lock, in the middle of a run.
            IdleTimeouts idleTimeouts = IdleTimeouts.disable(connection);
            boolean loggedWait = false;
            while (true) {
                if (tryLock(connection)) {
                    return new Held(connection, idleTimeouts);
                }
                Optional<LockHolder> holder = holder(connection);
                if (System.nanoTime() - deadline >= 0) {
                    throw new LockWaitTimeoutException("Gave up waiting for the migration lock on "
                            + this.resource + " after " + waitTimeout + ": it is held by "
                            + holder.map(LockHolder::describe).orElse("a session that just released it")
                            + ". If that instance is still migrating, wait for it or raise the lock wait timeout; "
                            + "if it hangs, end it with SELECT pg_terminate_backend(<pid>)");
                }
                if (!loggedWait) {
                    logger.info("Waiting for the migration lock on {}, held by {}", this.resource,
                            holder.map(LockHolder::describe).orElse("another session"));
                    loggedWait = true;
                }
                sleep(pollInterval);
            }
        }
        catch (SQLException ex) {
            close(connection);
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not take the migration lock on "
                    + this.resource + ": " + ex.getMessage(), ex);
        }
        catch (RuntimeException ex) {
            close(connection);
            throw ex;
        }
    }

    /**
     * Takes the lock if it is free right now, without waiting; for background passes, which simply try
     * again later.
     * @return the held lock, or empty when another session holds it
     */
    public Optional<Held> tryAcquire() {
        Connection connection = openConnection();
        try {
            connection.setAutoCommit(true);
            if (tryLock(connection)) {
                // Held from now on, idle while the migrations run: see acquire().
                return Optional.of(new Held(connection, IdleTimeouts.disable(connection)));
            }
        }
        catch (SQLException ex) {
            close(connection);
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not take the migration lock on "
                    + this.resource + ": " + ex.getMessage(), ex);
        }
        close(connection);
        return Optional.empty();
    }

    /** The session holding the lock now, if any; for messages. */
    public Optional<LockHolder> holder() {
        Connection connection = openConnection();
        try {
            return holder(connection);
        }
        catch (SQLException ex) {
            logger.debug("Could not look up the holder of the migration lock on {}", this.resource, ex);
            return Optional.empty();
        }
        finally {
            close(connection);
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, this.key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private Optional<LockHolder> holder(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.pid, a.application_name, "
                + "host(a.client_addr), a.state_change, a.state FROM pg_catalog.pg_locks l "
                + "JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 2 "
                + "AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())")) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, this.key);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                Timestamp since = result.getTimestamp(4);
                return Optional.of(new LockHolder(result.getInt(1), result.getString(2), result.getString(3),
                        (since != null) ? since.toInstant() : null, String.valueOf(result.getString(5))));
            }
        }
    }

    private Connection openConnection() {
        try {
            return this.dataSource.getConnection();
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not open the connection for the migration lock: "
                    + ex.getMessage() + " (SQL state " + ex.getSQLState() + ")", ex);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new LockWaitTimeoutException("Interrupted while waiting for the migration lock");
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        }
        catch (SQLException ex) {
            logger.debug("Could not close the lock connection", ex);
        }
    }

    /**
     * The held lock. {@link #close()} releases it and fails loudly when PostgreSQL says it was not
     * held any more. Not thread-safe: used by the one migrating thread.
     */
    public final class Held implements AutoCloseable {

        private final Connection connection;

        private final IdleTimeouts idleTimeouts;

        private Held(Connection connection, IdleTimeouts idleTimeouts) {
            this.connection = connection;
            this.idleTimeouts = idleTimeouts;
        }

        /** The backend pid of the lock connection, e.g. for tests and diagnostics. */
        public int pid() {
            try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_backend_pid()");
                    ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
            catch (SQLException ex) {
                throw lost(ex);
            }
        }

        /**
         * Checks that the lock session is alive and still holds the lock; called before every migration
         * statement and history write, so an instance whose lock session was killed stops instead of racing
         * its successor.
         * @throws TidemarkException with {@link ErrorCode#LOCK_LOST}
         */
        public void verify() {
            try (PreparedStatement statement = this.connection.prepareStatement("SELECT count(*) FROM pg_catalog.pg_locks "
                    + "WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid() AND classid = ? AND objid = ? "
                    + "AND objsubid = 2")) {
                statement.setInt(1, NAMESPACE);
                statement.setInt(2, AdvisoryLock.this.key);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (result.getInt(1) == 0) {
                        throw lost(null);
                    }
                }
            }
            catch (SQLException ex) {
                throw lost(ex);
            }
        }

        @Override
        public void close() {
            try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                statement.setInt(1, NAMESPACE);
                statement.setInt(2, AdvisoryLock.this.key);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (!result.getBoolean(1)) {
                        // A pooler that hands the session to someone else (PgBouncer transaction pooling) ends up here.
                        throw lost(null);
                    }
                }
            }
            catch (SQLException ex) {
                throw lost(ex);
            }
            finally {
                try {
                    this.idleTimeouts.close();
                }
                catch (SQLException ex) {
                    logger.debug("Could not put back the idle timeouts of the lock connection", ex);
                }
                AdvisoryLock.close(this.connection);
            }
        }

        private TidemarkException lost(@Nullable SQLException cause) {
            return new TidemarkException(ErrorCode.LOCK_LOST, "The migration lock on " + AdvisoryLock.this.resource
                    + " was lost: its session ended or no longer holds it"
                    + ((cause != null) ? " (" + cause.getMessage() + ")" : "")
                    + ". Another instance may have taken over. If the lock connection goes through a transaction-pooling "
                    + "proxy such as PgBouncer, give Tidemark a direct connection", cause);
        }

    }

}
