package dev.tidemark.migration.internal.locksafety;

import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The arithmetic of retrying after lock timeouts: exponential backoff with jitter, bounded both by a
 * number of attempts and by a total time, with no final unbounded attempt. The pause after the
 * {@code n}-th failed attempt is drawn between half and all of {@code min(max, initial * 2^(n-1))}
 * ("equal jitter"): never near zero, so a retry does not hit the same blocker at once, and spread so
 * that instances retrying together do not stay in step. A retry is refused when attempts are used up or
 * when it would start after the total time; the last attempt may then still run for up to one
 * {@code lock_timeout} past it. A pause ends early when what blocked the last attempt is gone
 * ({@link BlockerWatch}). Clock, sleeper and randomness are injected. Not thread-safe: one per unit of work.
 */
public final class LockRetryBackoff {

    /** Sleeps; {@link Thread#sleep} in production, a fake clock's advance in tests. */
    @FunctionalInterface
    public interface Sleeper {

        /** Sleeps for the pause. */
        void sleep(Duration pause) throws InterruptedException;

    }

    private final Duration initial;

    private final Duration max;

    private final int maxAttempts;

    private final Duration maxTotal;

    private final LongSupplier nanoClock;

    private final DoubleSupplier random;

    private final Sleeper sleeper;

    private final long startNanos;

    LockRetryBackoff(Duration initial, Duration max, int maxAttempts, Duration maxTotal, LongSupplier nanoClock,
            DoubleSupplier random, Sleeper sleeper) {
        this.initial = initial;
        this.max = max;
        this.maxAttempts = maxAttempts;
        this.maxTotal = maxTotal;
        this.nanoClock = nanoClock;
        this.random = random;
        this.sleeper = sleeper;
        this.startNanos = nanoClock.getAsLong();
    }

    /** A backoff on the system clock, starting now. */
    public static LockRetryBackoff startingNow(Duration initial, Duration max, int maxAttempts, Duration maxTotal) {
        return new LockRetryBackoff(initial, max, maxAttempts, maxTotal, System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble(), (pause) -> TimeUnit.NANOSECONDS.sleep(pause.toNanos()));
    }

    /**
     * The pause before the next attempt, or empty when no attempt may follow.
     * @param failedAttempts how many attempts have failed so far (at least 1)
     */
    public Optional<Duration> next(int failedAttempts) {
        if (failedAttempts >= this.maxAttempts) {
            return Optional.empty();
        }
        Duration ceiling = ceiling(failedAttempts);
        long half = ceiling.toNanos() / 2;
        double draw = Math.min(Math.max(this.random.getAsDouble(), 0.0), 1.0);
        Duration pause = Duration.ofNanos(half + (long) (draw * (ceiling.toNanos() - half)));
        if (elapsed().plus(pause).compareTo(this.maxTotal) > 0) {
            return Optional.empty();
        }
        return Optional.of(pause);
    }

    /** {@code min(max, initial * 2^(failedAttempts-1))}, without overflow. */
    Duration ceiling(int failedAttempts) {
        Duration ceiling = this.initial;
        for (int i = 1; i < failedAttempts && ceiling.compareTo(this.max) < 0; i++) {
            ceiling = ceiling.multipliedBy(2);
        }
        return (ceiling.compareTo(this.max) > 0) ? this.max : ceiling;
    }

    /** How long since the first attempt started. */
    public Duration elapsed() {
        return Duration.ofNanos(this.nanoClock.getAsLong() - this.startNanos);
    }

    /** Sleeps for the whole pause, for work that knows nothing about what blocked it. */
    public void sleep(Duration pause) throws InterruptedException {
        this.sleeper.sleep(pause);
    }

    /**
     * Pauses before the next attempt, at most {@code pause}; less when what blocked the last attempt is gone.
     * @param connection the unit's connection, outside a transaction, for the checks
     * @param target the lock the last attempt waited for, {@code null} when not known (then the whole pause)
     * @param earlier the transactions in the way at the previous pause for that lock, {@code null} for the first
     * @param poll how often to check
     */
    BlockerWatch.Pause pause(Connection connection, @Nullable LockTarget target, @Nullable Set<String> earlier,
            Duration pause, Duration poll) throws InterruptedException {
        return BlockerWatch.pause(connection, target, earlier, pause, poll, this.sleeper, this.nanoClock);
    }

}
