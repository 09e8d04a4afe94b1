package dev.tidemark.migration.internal.locksafety;

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

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock watchdog's view of one statement. Each sample reads {@code pg_stat_activity} and {@code pg_locks}
 * for the migration's pid: is it waiting for a lock, which lock, since when, who blocks it
 * ({@code pg_blocking_pids}) and how many application sessions queue behind it. It logs the blockers at WARN
 * while the statement waits, and cancels a waiting statement that application sessions queue behind (when
 * allowed): a waiting lock request sits at the head of the lock queue, so every later conflicting request
 * waits with it.
 * <p>
 * The migrating thread never waits for the watchdog: {@link #finish()} takes what was seen so far, and the
 * watchdog's thread holds this object's monitor only to record a sample, never during a query. A sample in
 * flight when the statement ends cannot cancel the next one: the cancel names the statement by its
 * {@code query_start} and whether it still waits, checked by the server in the same statement. Thread-safe.
 */
final class StatementWatch {

    private static final Logger logger = LoggerFactory.getLogger(StatementWatch.class);

    /** Shorter waits are routine on a busy table; from this on an on-call person wants to know who blocks. */
    private static final Duration WARN_AFTER = Duration.ofMillis(250);

    private static final Duration WARN_REPEAT = Duration.ofSeconds(10);

    private static final Duration DESCRIBE_REPEAT = Duration.ofSeconds(1);

    // OFFSET 0 keeps the subquery from being flattened, so each volatile function runs once per sample. Only
    // backends waiting for a lock can queue behind us, which keeps pg_blocking_pids calls few.
    private static final String SAMPLE = "SELECT s.waiting, s.query_start, s.wait_start, s.waited, s.blockers, "
            + "s.queued, s.tag, s.mode, s.what FROM (SELECT a.wait_event_type = 'Lock' AS waiting, "
            + "  a.query_start::text AS query_start, w.wait_start, w.waited, w.tag, w.mode, w.what, "
            + "  CASE WHEN a.wait_event_type = 'Lock' THEN pg_catalog.pg_blocking_pids(a.pid) END AS blockers, "
            + "  CASE WHEN a.wait_event_type = 'Lock' THEN (SELECT count(*) FROM pg_catalog.pg_stat_activity b "
            + "    WHERE b.backend_type = 'client backend' AND b.pid <> a.pid AND b.wait_event_type = 'Lock' "
            + "    AND a.pid = ANY (pg_catalog.pg_blocking_pids(b.pid))) ELSE 0 END AS queued "
            + "  FROM pg_catalog.pg_stat_activity a LEFT JOIN LATERAL (SELECT extract(epoch FROM l.waitstart) AS wait_start, "
            + "    extract(epoch FROM clock_timestamp() - l.waitstart) AS waited, " + LockTarget.TAG + " AS tag, l.mode, "
            + "    CASE l.locktype WHEN 'relation' THEN l.mode || ' on ' || l.relation::regclass::text "
            + "      WHEN 'virtualxid' THEN 'an older transaction to end' "
            + "      WHEN 'transactionid' THEN 'a row locked by another transaction' ELSE l.mode || ' on a ' || l.locktype END "
            + "    AS what FROM pg_catalog.pg_locks l WHERE l.pid = a.pid AND NOT l.granted "
            + "    ORDER BY l.waitstart LIMIT 1) w ON a.wait_event_type = 'Lock' "
            + "  WHERE a.pid = ? OFFSET 0) s";

    private static final String CANCEL = "SELECT pg_catalog.pg_cancel_backend(a.pid) FROM pg_catalog.pg_stat_activity a "
            + "WHERE a.pid = ? AND a.query_start = ?::timestamptz AND a.wait_event_type = 'Lock'";

    private static final String DESCRIBE = "SELECT pid, application_name, state, "
            + "extract(epoch FROM clock_timestamp() - coalesce(xact_start, query_start, backend_start)), left(query, 200) "
            + "FROM pg_catalog.pg_stat_activity WHERE pid = ANY (?) ORDER BY pid";

    private final LockWatchdog watchdog;

    private final int pid;

    private final String label;

    private final boolean cancelWhenBlocking;

    private final boolean blocksApplication;

    private volatile boolean finished;

    // Guarded by this. Distinct waits (a statement may wait for several locks one after the other) by start.
    private final Map<Double, Double> waitsByStart = new HashMap<>();

    private int maxQueued;

    private boolean cancelSent;

    private List<Blocker> blockers = List.of();

    private @Nullable LockTarget target;

    // Used by the watchdog's thread only.
    private String describedPids = "";

    private long describedAt;

    private long warnedAt;

    StatementWatch(LockWatchdog watchdog, int pid, String label, boolean cancelWhenBlocking, boolean blocksApplication) {
        this.watchdog = watchdog;
        this.pid = pid;
        this.label = label;
        this.cancelWhenBlocking = cancelWhenBlocking;
        this.blocksApplication = blocksApplication;
    }

    /**
     * What the watchdog saw of one statement.
     * @param waited the lock wait observed (sum over distinct waits)
     * @param blockedSessions the most application sessions seen queued behind the statement at once
     * @param cancelled whether the watchdog cancelled the statement
     * @param blockers the sessions that blocked it when last seen waiting, empty if it never waited
     * @param target the lock it was last seen waiting for, {@code null} if it was never seen waiting
     */
    record Report(Duration waited, int blockedSessions, boolean cancelled, List<Blocker> blockers,
            @Nullable LockTarget target) {

        /** Whether the watchdog saw the statement wait and saw nobody queue behind it. */
        boolean quiet() {
            return this.target != null && this.blockedSessions == 0 && !this.cancelled;
        }

    }

    /** One sample, on the watchdog's thread. */
    void sample(Connection connection) throws SQLException {
        if (this.finished) {
            return;
        }
        Sample sample = read(connection);
        if (sample == null || !sample.waiting()) {
            return;
        }
        long now = System.nanoTime();
        List<Blocker> described = null;
        String pids = Arrays.toString(sample.blockerPids());
        if (sample.blockerPids().length > 0 && (!pids.equals(this.describedPids)
                || now - this.describedAt > DESCRIBE_REPEAT.toNanos())) {
            described = describe(connection, sample.blockerPids());
            this.describedPids = pids;
            this.describedAt = now;
        }
        boolean cancel;
        List<Blocker> blockersNow;
        synchronized (this) {
            if (this.finished) {
                return;
            }
            if (sample.waitStart() != null) {
                this.waitsByStart.merge(sample.waitStart(), sample.waited(), Math::max);
            }
            this.maxQueued = Math.max(this.maxQueued, sample.queued());
            if (sample.target() != null) {
                this.target = sample.target();
            }
            if (described != null && !described.isEmpty()) {
                this.blockers = described;
            }
            blockersNow = this.blockers;
            cancel = this.cancelWhenBlocking && !this.cancelSent && sample.queued() > 0;
            // Set before the cancel is sent: the migrating thread may see the statement fail before the cancel
            // returns here, and must then know that the failure was ours.
            this.cancelSent |= cancel;
        }
        if (cancel) {
            boolean done = cancel(connection, sample.queryStart());
            if (done) {
                // The retry is logged at WARN with the blockers; this line adds the queue that caused it.
                logger.info("Cancelled {} after it waited {} ms for {}: {} application session(s) queued behind it. "
                        + "Blocked by {}. It will be retried after a pause", this.label, Math.round(sample.waited() * 1000),
                        sample.what(), sample.queued(), Blocker.describeAll(blockersNow));
            }
            else {
                synchronized (this) {
                    this.cancelSent = false;
                }
            }
        }
        else if (sample.waited() * 1000 >= WARN_AFTER.toMillis()
                && (this.warnedAt == 0 || now - this.warnedAt > WARN_REPEAT.toNanos())) {
            warn(sample, blockersNow);
            this.warnedAt = now;
        }
    }

    private void warn(Sample sample, List<Blocker> blockersNow) {
        if (this.blocksApplication) {
            logger.warn("{} is waiting for {} ({} ms so far, {} session(s) queued behind it), blocked by {}", this.label,
                    sample.what(), Math.round(sample.waited() * 1000), sample.queued(), Blocker.describeAll(blockersNow));
        }
        else {
            logger.warn("{} is waiting for {} ({} ms so far), blocked by {}. It takes at most SHARE UPDATE EXCLUSIVE, "
                    + "so application reads and writes go on meanwhile; it waits up to concurrentLockTimeout", this.label,
                    sample.what(), Math.round(sample.waited() * 1000), Blocker.describeAll(blockersNow));
        }
    }

    private @Nullable Sample read(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SAMPLE)) {
            statement.setInt(1, this.pid);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                boolean waiting = result.getBoolean(1);
                String queryStart = result.getString(2);
                double waitStart = result.getDouble(3);
                Double start = result.wasNull() ? null : waitStart;
                double waited = result.getDouble(4);
                Array array = result.getArray(5);
                Integer[] blockerPids = (array != null) ? (Integer[]) array.getArray() : new Integer[0];
                int queued = result.getInt(6);
                String tag = result.getString(7);
                LockMode mode = LockMode.of(result.getString(8));
                LockTarget target = (tag != null && mode != null) ? new LockTarget(tag, mode) : null;
                String what = result.getString(9);
                return new Sample(waiting, queryStart, start, waited, blockerPids, queued, target,
                        (what != null) ? what : "a lock");
            }
        }
    }

    private boolean cancel(Connection connection, @Nullable String queryStart) throws SQLException {
        if (queryStart == null) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement(CANCEL)) {
            statement.setInt(1, this.pid);
            statement.setString(2, queryStart);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
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
        return found;
    }

    /** Stops watching and reports what was seen; never waits for a sample in progress. */
    Report finish() {
        this.finished = true;
        this.watchdog.stopWatching(this);
        synchronized (this) {
            double seconds = this.waitsByStart.values().stream().mapToDouble(Double::doubleValue).sum();
            return new Report(Duration.ofMillis(Math.round(seconds * 1000)), this.maxQueued, this.cancelSent,
                    this.blockers, this.target);
        }
    }

    private record Sample(boolean waiting, @Nullable String queryStart, @Nullable Double waitStart, double waited,
            Integer[] blockerPids, int queued, @Nullable LockTarget target, String what) {
    }

}
