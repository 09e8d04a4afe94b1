package dev.tidemark.migration.internal.locksafety;

import java.time.Duration;

import dev.tidemark.migration.LockLevel;
import dev.tidemark.migration.LockSafetySettings;

/**
 * How a statement may wait for its locks, by the strongest lock level its transaction holds once it has them
 * (its own level in autocommit; inside a transaction also every lock taken before it, which stays held until
 * the end):
 * <ul>
 *   <li>a level that blocks application writes or reads (SHARE and stronger, or unrecognized) waits under the
 *       adaptive, short {@code lock_timeout} ({@link AdaptiveLockTimeout}): while it waits, application
 *       queries on the table queue behind it; it holds its lock under {@code statementTimeout};</li>
 *   <li>a level of at most SHARE UPDATE EXCLUSIVE ({@code CREATE INDEX CONCURRENTLY}, {@code VALIDATE
 *       CONSTRAINT}, DML, ...) waits under the long {@code concurrentLockTimeout}: application reads and writes
 *       never queue behind it, and {@code CREATE INDEX CONCURRENTLY} must be able to wait for every older
 *       transaction, on any table, or it never completes on a database with long queries; it runs without a
 *       {@code statement_timeout}, since its work (an index build, a scan) may be long and blocks nobody.</li>
 * </ul>
 * Either may be cancelled by the watchdog while it waits and application sessions queue behind it
 * ({@code cancelWhenBlocking}). A unit's own timeouts (a migration's directives) replace the policy's.
 * Immutable.
 */
record WaitPolicy(LockSafetySettings settings, Unit unit) {

    /** The {@code lock_timeout} of a statement that holds {@code held}, given the adaptive bound of this attempt. */
    Duration lockTimeout(LockLevel held, Duration adaptive) {
        Duration fixed = this.unit.lockTimeout();
        if (fixed != null) {
            return fixed;
        }
        return blocksApplication(held) ? adaptive : this.settings.concurrentLockTimeout();
    }

    /** The {@code statement_timeout} of a statement that holds {@code held}; zero for none. */
    Duration statementTimeout(LockLevel held) {
        Duration fixed = this.unit.statementTimeout();
        if (fixed != null) {
            return fixed;
        }
        return blocksApplication(held) ? this.settings.statementTimeout() : Duration.ZERO;
    }

    /** Whether a waiting statement is cancelled (and retried) as soon as application sessions queue behind it. */
    boolean cancelWhenBlocking() {
        return this.settings.cancelWhenBlocking();
    }

    /** Whether application sessions queue behind a statement that holds or waits for {@code held}. */
    static boolean blocksApplication(LockLevel held) {
        return held.blocksWrites();
    }

    /** The stronger of two levels; {@link LockLevel#OTHER} counts as the strongest. */
    static LockLevel stronger(LockLevel a, LockLevel b) {
        return (a.compareTo(b) >= 0) ? a : b;
    }

}
