package dev.tidemark.migration.internal.locksafety;

import java.time.Duration;

/**
 * The {@code lock_timeout} of the next attempt of a statement whose lock blocks application reads or writes:
 * the server-side bound on how long application sessions can queue behind it, whatever the lock watchdog's
 * thread is doing. It starts short ({@code initialLockTimeout}) and doubles after an attempt that gave up,
 * up to {@code lockTimeout}, only when the watchdog saw that wait and saw nobody queue behind it; any other
 * outcome (sessions queued, or the wait went unobserved, e.g. because the JVM was too busy to sample it)
 * puts it back to the start. So on a table in use every attempt is short, and only a wait that provably
 * blocked nobody is allowed to grow. Not thread-safe: one per unit of work.
 */
final class AdaptiveLockTimeout {

    private final Duration initial;

    private final Duration max;

    private Duration current;

    /**
     * @param initial the first attempt's timeout; when longer than {@code max}, {@code max} is used
     * @param max the longest timeout an attempt may grow to
     */
    AdaptiveLockTimeout(Duration initial, Duration max) {
        this.initial = (initial.compareTo(max) > 0) ? max : initial;
        this.max = max;
        this.current = this.initial;
    }

    /** The timeout of the next attempt. */
    Duration current() {
        return this.current;
    }

    /**
     * An attempt gave up on its lock.
     * @param quiet whether the watchdog saw the wait and nobody queued behind it
     */
    void afterConflict(boolean quiet) {
        if (!quiet) {
            this.current = this.initial;
            return;
        }
        Duration doubled = this.current.multipliedBy(2);
        this.current = (doubled.compareTo(this.max) > 0) ? this.max : doubled;
    }

    /** A statement got its locks: the next one starts short again. */
    void reset() {
        this.current = this.initial;
    }

}
