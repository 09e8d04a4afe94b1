package dev.tidemark.migration.internal.execute;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.internal.sql.IdleTimeouts;

/**
 * Watches the migration's backend from a connection of its own while a statement runs: every interval
 * it reads {@code pg_stat_activity} and {@code pg_locks} for that pid — is it waiting for a lock
 * ({@code wait_event_type = 'Lock'}), since when, who blocks it ({@code pg_blocking_pids}) and how many
 * application sessions queue behind it. It logs the blockers at WARN while the statement waits and, for
 * statements that may be cancelled, cancels a waiting statement with {@code pg_cancel_backend} as soon
 * as application sessions queue behind it: a waiting ACCESS EXCLUSIVE request sits at the head of the
 * lock queue, so every later reader of the table would otherwise wait with it.
 * <p>
 * One thread and one connection per watchdog; between statements the thread parks and costs nothing.
 * The thread opens the connection itself, so a migration never waits for it; until it is there, or if it
 * cannot be opened, the watchdog is inert and {@code lock_timeout} alone protects the application (with a
 * warning that names the pool size when the wait is long). Thread-safe.
 */
final class LockWatchdog implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LockWatchdog.class);

    /** Shorter waits are routine on a busy table; from this on an on-call person wants to know who blocks. */
    private static final Duration WARN_AFTER = Duration.ofMillis(250);

    private static final Duration WARN_REPEAT = Duration.ofSeconds(10);

    private static final Duration DESCRIBE_REPEAT = Duration.ofSeconds(1);

    // OFFSET 0 keeps the subquery from being flattened, so each volatile function runs once per sample; the
    // cancel is in the same statement as the check, so it only hits the backend while it still waits.
    private static final String SAMPLE = "SELECT s.waiting, s.wait_start, s.waited, s.blockers, s.queued, "
            + "CASE WHEN ? AND s.waiting AND s.queued > 0 THEN pg_catalog.pg_cancel_backend(s.pid) ELSE false END "
            + "FROM (SELECT a.pid, a.wait_event_type = 'Lock' AS waiting, "
            + "  CASE WHEN a.wait_event_type = 'Lock' THEN (SELECT extract(epoch FROM min(l.waitstart)) "
            + "    FROM pg_catalog.pg_locks l WHERE l.pid = a.pid AND NOT l.granted) END AS wait_start, "
            + "  CASE WHEN a.wait_event_type = 'Lock' THEN (SELECT extract(epoch FROM clock_timestamp() - min(l.waitstart)) "
            + "    FROM pg_catalog.pg_locks l WHERE l.pid = a.pid AND NOT l.granted) END AS waited, "
            + "  CASE WHEN a.wait_event_type = 'Lock' THEN pg_catalog.pg_blocking_pids(a.pid) END AS blockers, "
            + "  CASE WHEN a.wait_event_type = 'Lock' THEN (SELECT count(*) FROM pg_catalog.pg_stat_activity b "
            + "    WHERE b.backend_type = 'client backend' AND b.pid <> a.pid "
            + "    AND a.pid = ANY (pg_catalog.pg_blocking_pids(b.pid))) ELSE 0 END AS queued "
            + "  FROM pg_catalog.pg_stat_activity a WHERE a.pid = ? OFFSET 0) s";

    private static final String DESCRIBE = "SELECT pid, application_name, state, "
            + "extract(epoch FROM clock_timestamp() - coalesce(xact_start, query_start, backend_start)), left(query, 200) "
            + "FROM pg_catalog.pg_stat_activity WHERE pid = ANY (?) ORDER BY pid";

    /** The watchdog does not hold up a migration while it waits for its connection; from this wait on it says so. */
    private static final Duration SLOW_CONNECTION = Duration.ofSeconds(1);

    private final DataSource dataSource;

    private final long intervalNanos;

    private final long openedAt = System.nanoTime();

    private final Thread thread;

    private volatile @Nullable Connection connection;

    private volatile boolean connectionFailed;

    private volatile @Nullable Watch current;

    private volatile boolean closed;

    private boolean warnedSlowConnection;

    private volatile @Nullable IdleTimeouts idleTimeouts;

    private LockWatchdog(DataSource dataSource, Duration interval) {
        this.dataSource = dataSource;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "tidemark-lock-watchdog");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Starts the watchdog's thread, which opens the watchdog's own connection: the migration does not wait
     * for it (a small pool may make it wait long), and until it is there, or when it cannot be had,
     * statements are protected by {@code lock_timeout} alone.
     */
    static LockWatchdog open(DataSource dataSource, Duration interval) {
        return new LockWatchdog(dataSource, interval);
    }

    /**
     * Starts watching a statement; {@link Watch#finish()} ends it. One statement at a time.
     * @param pid the migration's backend pid
     * @param label what runs, for the log (migration, file and line)
     * @param cancelWhenBlocking whether to cancel the statement when application sessions queue behind it
     */
    Watch watch(int pid, String label, boolean cancelWhenBlocking) {
        Watch watch = new Watch(pid, label, cancelWhenBlocking);
        warnIfStillConnecting();
        this.current = watch;
        LockSupport.unpark(this.thread);
        return watch;
    }

    private void warnIfStillConnecting() {
        long waited = System.nanoTime() - this.openedAt;
        if (this.connection == null && !this.connectionFailed && !this.warnedSlowConnection
                && waited > SLOW_CONNECTION.toNanos()) {
            this.warnedSlowConnection = true;
            logger.warn("The lock watchdog has waited {} ms for a database connection, and migration statements run "
                    + "without it (lock_timeout alone protects the application) until it has one. A migration run uses "
                    + "three connections at once (statements, migration lock, watchdog): if the DataSource is a pool, "
                    + "allow it at least 3 (e.g. spring.datasource.hikari.maximum-pool-size), or give Tidemark a "
                    + "DataSource of its own", TimeUnit.NANOSECONDS.toMillis(waited));
        }
    }

    private @Nullable Connection connect() {
        try {
            Connection opened = this.dataSource.getConnection();
            opened.setAutoCommit(true);
            // It parks between statements; a server's idle_session_timeout must not end it meanwhile.
            this.idleTimeouts = IdleTimeouts.disable(opened);
            return opened;
        }
        catch (SQLException ex) {
            this.connectionFailed = true;
            logger.warn("Could not open the lock watchdog's connection ({}); migration statements still run with "
                    + "lock_timeout, but lock waits are neither observed nor cancelled early", ex.getMessage());
            return null;
        }
    }

    private void run() {
        Connection opened = connect();
        if (opened == null) {
            return;
        }
        this.connection = opened;
        if (this.closed) {
            // The run ended before the connection came; close() did not wait for it.
            release();
            return;
        }
        while (!this.closed) {
            if (this.current == null) {
                LockSupport.park(this);
                continue;
            }
            LockSupport.parkNanos(this, this.intervalNanos);
            Watch watch = this.current;
            if (watch != null && !this.closed) {
                try {
                    watch.sample(opened);
                }
                catch (SQLException ex) {
                    logger.debug("Lock watchdog sample failed", ex);
                }
            }
        }
    }

    /**
     * Stops the thread and closes the connection. A thread still waiting for its connection is not waited
     * for: it closes the connection itself when it comes.
     */
    @Override
    public void close() {
        this.closed = true;
        if (this.connection == null) {
            return;
        }
        LockSupport.unpark(this.thread);
        try {
            this.thread.join(5_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    private synchronized void release() {
        Connection opened = this.connection;
        this.connection = null;
        if (opened == null) {
            return;
        }
        try (opened) {
            IdleTimeouts timeouts = this.idleTimeouts;
            if (timeouts != null) {
                timeouts.close();
            }
        }
        catch (SQLException ex) {
            logger.debug("Could not close the lock watchdog's connection", ex);
        }
    }

    /**
     * What the watchdog saw of one statement.
     * @param waited the lock wait observed (sum over distinct waits)
     * @param blockedSessions the most application sessions seen queued behind the statement at once
     * @param cancelled whether the watchdog cancelled the statement
     * @param blockers the sessions that blocked it when last seen waiting, empty if it never waited
     */
    record Report(Duration waited, int blockedSessions, boolean cancelled, List<Blocker> blockers) {
    }

    /** One watched statement. Its methods are synchronized: the sampling thread and the migrating thread share it. */
    final class Watch {

        private final int pid;

        private final String label;

        private final boolean cancelWhenBlocking;

        private final Map<Double, Double> waitsByStart = new HashMap<>();

        private boolean finished;

        private int maxQueued;

        private boolean cancelled;

        private List<Blocker> blockers = List.of();

        private String describedPids = "";

        private long describedAt;

        private long warnedAt;

        private Watch(int pid, String label, boolean cancelWhenBlocking) {
            this.pid = pid;
            this.label = label;
            this.cancelWhenBlocking = cancelWhenBlocking;
        }

        private synchronized void sample(@Nullable Connection connection) throws SQLException {
            if (this.finished || connection == null) {
                return;
            }
            boolean waiting;
            double waited = 0;
            int queued;
            boolean cancelledNow;
            String pids = "";
            Integer[] blockerPids = new Integer[0];
            try (PreparedStatement statement = connection.prepareStatement(SAMPLE)) {
                statement.setBoolean(1, this.cancelWhenBlocking && !this.cancelled);
                statement.setInt(2, this.pid);
                try (ResultSet result = statement.executeQuery()) {
                    if (!result.next()) {
                        return;
                    }
                    waiting = result.getBoolean(1);
                    double waitStart = result.getDouble(2);
                    boolean known = !result.wasNull();
                    waited = result.getDouble(3);
                    if (waiting && known) {
                        this.waitsByStart.merge(waitStart, waited, Math::max);
                    }
                    Array array = result.getArray(4);
                    if (array != null) {
                        blockerPids = (Integer[]) array.getArray();
                        pids = Arrays.toString(blockerPids);
                    }
                    queued = result.getInt(5);
                    cancelledNow = result.getBoolean(6);
                }
            }
            if (!waiting) {
                return;
            }
            this.maxQueued = Math.max(this.maxQueued, queued);
            this.cancelled |= cancelledNow;
            long now = System.nanoTime();
            if (blockerPids.length > 0 && (!pids.equals(this.describedPids)
                    || now - this.describedAt > DESCRIBE_REPEAT.toNanos())) {
                this.blockers = describe(connection, blockerPids);
                this.describedPids = pids;
                this.describedAt = now;
            }
            if (cancelledNow) {
                // The executor logs the retry at WARN with the blockers; this line adds the queue that caused it.
                logger.info("Cancelled {} after it waited {} ms for a lock: {} application session(s) queued behind it. "
                        + "Blocked by {}. It will be retried after a pause", this.label, Math.round(waited * 1000), queued,
                        describeAll(this.blockers));
            }
            else if (waited * 1000 >= WARN_AFTER.toMillis()
                    && (this.warnedAt == 0 || now - this.warnedAt > WARN_REPEAT.toNanos())) {
                logger.warn("{} is waiting for a lock ({} ms so far, {} session(s) queued behind it), blocked by {}",
                        this.label, Math.round(waited * 1000), queued, describeAll(this.blockers));
                this.warnedAt = now;
            }
        }

        private List<Blocker> describe(Connection connection, Integer[] pids) throws SQLException {
            List<Blocker> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(DESCRIBE)) {
                statement.setArray(1, connection.createArrayOf("int4", pids));
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        found.add(new Blocker(result.getInt(1), result.getString(2), result.getString(3),
                                Duration.ofMillis(Math.round(result.getDouble(4) * 1000)), result.getString(5)));
                    }
                }
            }
            return found.isEmpty() ? this.blockers : List.copyOf(found);
        }

        /** Stops watching (waiting for a sample in progress) and reports what was seen. */
        synchronized Report finish() {
            this.finished = true;
            if (LockWatchdog.this.current == this) {
                LockWatchdog.this.current = null;
            }
            double seconds = this.waitsByStart.values().stream().mapToDouble(Double::doubleValue).sum();
            return new Report(Duration.ofMillis(Math.round(seconds * 1000)), this.maxQueued, this.cancelled,
                    this.blockers);
        }

    }

    static String describeAll(List<Blocker> blockers) {
        return blockers.isEmpty() ? "sessions that ended before they could be identified"
                : blockers.stream().map(Blocker::describe).collect(Collectors.joining("; "));
    }

}
