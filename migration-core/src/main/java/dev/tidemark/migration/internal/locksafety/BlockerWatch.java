package dev.tidemark.migration.internal.locksafety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pause between two attempts, ended as soon as what held the last attempt up is gone, so that a
 * migration completes right after its blocker commits rather than at the end of a backoff that has grown
 * to seconds. At the start of the pause it notes the transactions (by {@code pg_locks.virtualtransaction},
 * which every role may read) that hold or wait for a lock conflicting with the one the statement waited for:
 * the recorded blocker and anything else in the way. It then checks every poll interval whether any of
 * those transactions still holds or waits for such a lock, and ends the pause when none does. Transactions
 * that start later are not waited for: a short query that comes and goes does not delay the retry, and a
 * long one that started meanwhile is caught by the next attempt's short {@code lock_timeout}.
 * <p>
 * From the second pause for the same lock on, only transactions that were in the way at the previous pause
 * too are waited for: a blocker that outlasts attempts is worth retrying the moment it leaves, whereas when
 * every attempt meets new transactions (a stream of them, none waited out by the short {@code lock_timeout})
 * an early retry would only meet the next ones and spend the budget of attempts in seconds; those pauses run
 * their full length, so that the budget still spans its time.
 * <p>
 * The checks run on the migration's own connection, idle during the pause (outside a transaction), so they
 * need no thread and no connection of their own. When the lock is not known (the lock watchdog never saw
 * the wait) or a check fails, the pause runs its full length, as a plain backoff would. Stateless; not
 * thread-safe in the sense that a connection serves one thread.
 */
final class BlockerWatch {

    private static final Logger logger = LoggerFactory.getLogger(BlockerWatch.class);

    private static final String IN_THE_WAY = "SELECT DISTINCT l.virtualtransaction FROM pg_catalog.pg_locks l "
            + "WHERE " + LockTarget.TAG + " = ? AND l.mode = ANY (?) AND l.pid IS DISTINCT FROM pg_catalog.pg_backend_pid()";

    private static final String STILL_IN_THE_WAY = "SELECT count(*) FROM pg_catalog.pg_locks l "
            + "WHERE " + LockTarget.TAG + " = ? AND l.mode = ANY (?) AND l.virtualtransaction = ANY (?)";

    private BlockerWatch() {
    }

    /**
     * What a pause saw.
     * @param took how long it lasted
     * @param inTheWay the transactions in the way at its start, {@code null} when not known
     */
    record Pause(Duration took, @Nullable Set<String> inTheWay) {
    }

    /**
     * Pauses for at most {@code pause}, less when what blocked the last attempt is gone first.
     * @param connection the migration's connection, outside a transaction
     * @param target the lock the last attempt waited for, or {@code null} when it is not known
     * @param earlier the transactions in the way at the previous pause for the same lock, {@code null} for the first
     * @param pause the longest pause
     * @param poll how often to check
     */
    static Pause pause(Connection connection, @Nullable LockTarget target, @Nullable Set<String> earlier,
            Duration pause, Duration poll, LockRetryBackoff.Sleeper sleeper, LongSupplier nanoClock)
            throws InterruptedException {
        long start = nanoClock.getAsLong();
        long end = start + pause.toNanos();
        Set<String> inTheWay = (target != null) ? inTheWay(connection, target) : null;
        if (target != null && inTheWay != null) {
            Set<String> watched = new HashSet<>(inTheWay);
            if (earlier != null) {
                watched.retainAll(earlier);
            }
            boolean gone = inTheWay.isEmpty();
            while (!gone && !watched.isEmpty()) {
                Boolean blocked = stillInTheWay(connection, target, watched);
                long left = end - nanoClock.getAsLong();
                if (blocked == null || left <= 0) {
                    break;
                }
                gone = !blocked;
                if (!gone) {
                    sleeper.sleep(Duration.ofNanos(Math.min(left, poll.toNanos())));
                }
            }
            if (gone) {
                return new Pause(Duration.ofNanos(nanoClock.getAsLong() - start), inTheWay);
            }
        }
        long left = end - nanoClock.getAsLong();
        if (left > 0) {
            sleeper.sleep(Duration.ofNanos(left));
        }
        return new Pause(Duration.ofNanos(nanoClock.getAsLong() - start), inTheWay);
    }

    /** The transactions that hold or wait for a conflicting lock now; {@code null} when they cannot be told. */
    private static @Nullable Set<String> inTheWay(Connection connection, LockTarget target) {
        try {
            if (!connection.getAutoCommit()) {
                // A check would open a transaction that the caller does not expect; sleep the pause instead.
                return null;
            }
            try (PreparedStatement statement = connection.prepareStatement(IN_THE_WAY)) {
                statement.setString(1, target.tag());
                statement.setArray(2, connection.createArrayOf("text", target.mode().conflictingSqlNames().toArray()));
                Set<String> found = new HashSet<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        found.add(result.getString(1));
                    }
                }
                return found;
            }
        }
        catch (SQLException ex) {
            logger.debug("Could not look for the sessions in the way of the next attempt; pausing the full backoff", ex);
            return null;
        }
    }

    /** Whether any of those transactions still holds or waits for a conflicting lock; {@code null} when unknown. */
    private static @Nullable Boolean stillInTheWay(Connection connection, LockTarget target, Set<String> inTheWay) {
        try (PreparedStatement statement = connection.prepareStatement(STILL_IN_THE_WAY)) {
            statement.setString(1, target.tag());
            statement.setArray(2, connection.createArrayOf("text", target.mode().conflictingSqlNames().toArray()));
            statement.setArray(3, connection.createArrayOf("text", inTheWay.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        }
        catch (SQLException ex) {
            logger.debug("Could not check whether the sessions in the way of the next attempt are gone; pausing the "
                    + "rest of the backoff", ex);
            return null;
        }
    }

}
