package dev.tidemark.migration.internal.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.FleetRegistration;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.Version;

/**
 * This instance's row in the fleet registry, kept fresh by a daemon thread. Every registry statement
 * runs on a connection borrowed just for it, in autocommit, with a short {@code lock_timeout} and
 * {@code statement_timeout}: a heartbeat is one single-row UPDATE that can neither queue behind nor hold
 * up application traffic or the migration lock, and when the database is slow it gives up and tries
 * again on the next tick. Heartbeat failures are logged, never thrown into the application. Thread-safe.
 */
public final class HeartbeatRegistration implements FleetRegistration {

    private static final Logger logger = LoggerFactory.getLogger(HeartbeatRegistration.class);

    /** Registry rows are touched by nobody but their owner, so any wait at all means something is wrong. */
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);

    private final DataSource dataSource;

    private final InstanceTable table;

    private final String id;

    private final Version codeVersion;

    private final String host;

    private final Instant startedAt;

    private final Runnable onClose;

    private final ScheduledExecutorService heartbeats;

    private final AtomicBoolean closed = new AtomicBoolean();

    private HeartbeatRegistration(DataSource dataSource, InstanceTable table, String id, Version codeVersion,
            String host, Instant startedAt, Runnable onClose) {
        this.dataSource = dataSource;
        this.table = table;
        this.id = id;
        this.codeVersion = codeVersion;
        this.host = host;
        this.startedAt = startedAt;
        this.onClose = onClose;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "tidemark-heartbeat-" + id.substring(0, 8));
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers an instance (creating the registry table if needed), removes the rows of instances that
     * left longer ago than the evidence retention, and starts its heartbeats.
     * @param evidenceRetention how long rows of departed instances are kept
     * @param onClose called once when the registration closes or is abandoned
     * @throws TidemarkException when the registry cannot be written
     */
    public static HeartbeatRegistration start(DataSource dataSource, InstanceTable table, Version codeVersion,
            String host, Duration heartbeatInterval, Duration evidenceRetention, Runnable onClose) {
        String id = UUID.randomUUID().toString();
        Instant startedAt;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            table.createIfAbsent(connection);
            startedAt = withShortTimeouts(connection, () -> table.insert(connection, id, codeVersion, host));
            int removed = withShortTimeouts(connection, () -> table.deleteExpired(connection, evidenceRetention));
            if (removed > 0) {
                logger.info("Removed {} registration(s) of instances that left more than {} ago from {}", removed,
                        evidenceRetention, table.qualifiedName());
            }
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not register this instance in the fleet registry "
                    + table.qualifiedName() + ": " + ex.getMessage() + " (SQL state " + ex.getSQLState() + ")", ex);
        }
        HeartbeatRegistration registration = new HeartbeatRegistration(dataSource, table, id, codeVersion, host,
                startedAt, onClose);
        long millis = heartbeatInterval.toMillis();
        // beat() catches everything it can throw, so the future never holds a failure worth reading.
        var unused = registration.heartbeats.scheduleWithFixedDelay(registration::beat, millis, millis, TimeUnit.MILLISECONDS);
        logger.info("Registered instance {} (host {}, code version {}) in {}; heartbeat every {}", id, host, codeVersion,
                table.qualifiedName(), heartbeatInterval);
        return registration;
    }

    @Override
    public String instanceId() {
        return this.id;
    }

    /** Whether heartbeats have stopped, by {@link #close()} or {@link #abandon()}. */
    public boolean isClosed() {
        return this.closed.get();
    }

    /**
     * Stops heartbeating and marks the row deregistered; it stays as evidence that the fleet registers.
     * A failure is logged (the row then goes stale, which counts the same once the stale timeout passed).
     */
    @Override
    public void close() {
        if (!stop()) {
            return;
        }
        try (Connection connection = this.dataSource.getConnection()) {
            connection.setAutoCommit(true);
            withShortTimeouts(connection, () -> this.table.deregister(connection, this.id));
            logger.info("Deregistered instance {} from {}", this.id, this.table.qualifiedName());
        }
        catch (SQLException | RuntimeException ex) {
            logger.warn("Could not deregister instance {} from {} ({}); it counts as gone once its heartbeat is stale",
                    this.id, this.table.qualifiedName(), ex.getMessage());
        }
    }

    /**
     * Stops heartbeating but leaves the row, as a crashed or frozen process would: the instance counts as
     * gone once its heartbeat is older than the stale timeout. For tests, and for shutdown paths that must
     * not touch the database.
     */
    public void abandon() {
        stop();
    }

    private boolean stop() {
        if (!this.closed.compareAndSet(false, true)) {
            return false;
        }
        this.heartbeats.shutdown();
        try {
            // Never delete the row while a heartbeat might re-insert it right after.
            if (!this.heartbeats.awaitTermination(STATEMENT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                this.heartbeats.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.onClose.run();
        return true;
    }

    private void beat() {
        if (this.closed.get()) {
            return;
        }
        try (Connection connection = this.dataSource.getConnection()) {
            connection.setAutoCommit(true);
            withShortTimeouts(connection, () -> {
                if (!this.table.heartbeat(connection, this.id)) {
                    // Someone deleted the row (cleanup by hand, a restored backup): an unregistered live instance
                    // would let a CONTRACT run under it, so come back.
                    logger.warn("Fleet registry row of instance {} vanished from {}; registering it again", this.id,
                            this.table.qualifiedName());
                    this.table.reinsert(connection, this.id, this.codeVersion, this.host, this.startedAt);
                }
            });
        }
        catch (SQLException ex) {
            if ("42P01".equals(ex.getSQLState())) {
                recreate();
                return;
            }
            logger.warn("Heartbeat of instance {} in {} failed (SQL state {}): {}; retrying in the next interval", this.id,
                    this.table.qualifiedName(), ex.getSQLState(), ex.getMessage());
        }
        catch (RuntimeException ex) {
            logger.warn("Heartbeat of instance {} in {} failed: {}; retrying in the next interval", this.id,
                    this.table.qualifiedName(), ex.toString());
        }
    }

    /** The table itself was dropped: create it again and come back. */
    private void recreate() {
        try (Connection connection = this.dataSource.getConnection()) {
            connection.setAutoCommit(true);
            this.table.createIfAbsent(connection);
            this.table.reinsert(connection, this.id, this.codeVersion, this.host, this.startedAt);
            logger.warn("Fleet registry table {} was gone; created it again and re-registered instance {}",
                    this.table.qualifiedName(), this.id);
        }
        catch (SQLException ex) {
            logger.warn("Fleet registry table {} is gone and could not be created again ({}); retrying in the next interval",
                    this.table.qualifiedName(), ex.getMessage());
        }
    }

    /**
     * Runs registry work with short timeouts set on the session, then resets them, so that a pooled
     * connection goes back to the pool as it came.
     */
    private static <T> T withShortTimeouts(Connection connection, SqlWork<T> work) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT set_config('lock_timeout', '" + LOCK_TIMEOUT.toMillis() + "ms', false), "
                    + "set_config('statement_timeout', '" + STATEMENT_TIMEOUT.toMillis() + "ms', false)");
        }
        try {
            return work.run();
        }
        finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET lock_timeout; RESET statement_timeout");
            }
        }
    }

    private static void withShortTimeouts(Connection connection, SqlAction action) throws SQLException {
        withShortTimeouts(connection, () -> {
            action.run();
            return Boolean.TRUE;
        });
    }

    @FunctionalInterface
    private interface SqlAction {

        void run() throws SQLException;

    }

    @FunctionalInterface
    private interface SqlWork<T> {

        T run() throws SQLException;

    }

}
