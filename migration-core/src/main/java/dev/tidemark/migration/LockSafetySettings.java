package dev.tidemark.migration;

import java.time.Duration;

/**
 * How migration statements wait for table locks without stalling the application: every statement runs
 * under {@code lock_timeout}, write-blocking statements also under {@code statement_timeout}, a
 * watchdog cancels a waiting statement once application sessions queue behind it, and a statement that
 * gave up on its lock is retried after a jittered, doubling pause within a budget of attempts and time.
 * Validated when built.
 *
 * @param lockTimeout the {@code lock_timeout} of every migration statement
 * @param statementTimeout the {@code statement_timeout} of statements whose lock blocks application reads
 *        or writes (a plain {@code CREATE INDEX}, most {@code ALTER TABLE} forms, ...): they are cancelled after it
 * @param retries how many times a migration is attempted when its statements keep giving up on locks
 * @param retryMaxDuration the bound on the total time spent retrying one migration
 * @param retryBackoff the pause before the first retry; each later pause doubles, jittered between half and all
 * @param retryMaxBackoff the longest pause between two attempts
 * @param watchdogInterval how often the lock watchdog samples a running statement
 * @param cancelWhenBlocking whether a statement waiting for a lock is cancelled (and retried) as soon as
 *        application sessions queue behind it, rather than only when its {@code lock_timeout} expires
 */
public record LockSafetySettings(Duration lockTimeout, Duration statementTimeout, int retries,
        Duration retryMaxDuration, Duration retryBackoff, Duration retryMaxBackoff, Duration watchdogInterval,
        boolean cancelWhenBlocking) {

    /** The defaults: 2 s lock timeout, 1 min statement timeout, 20 attempts within 5 min, 100 ms doubling to 5 s, a 25 ms watchdog that cancels. */
    public static final LockSafetySettings DEFAULTS = new LockSafetySettings(Duration.ofSeconds(2),
            Duration.ofMinutes(1), 20, Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofMillis(25), true);

    /**
     * Validates the values.
     * @throws InvalidConfigurationException naming the option at fault
     */
    public LockSafetySettings {
        Options.atLeastOneMillisecond("lockTimeout", lockTimeout);
        Options.atLeastOneMillisecond("statementTimeout", statementTimeout);
        Options.atLeastOneMillisecond("lockRetryMaxDuration", retryMaxDuration);
        Options.atLeastOneMillisecond("lockRetryBackoff", retryBackoff);
        Options.atLeastOneMillisecond("lockRetryMaxBackoff", retryMaxBackoff);
        Options.atLeastOneMillisecond("lockWatchdogInterval", watchdogInterval);
        if (retries < 1) {
            throw new InvalidConfigurationException("lockRetries", "must be at least 1 but was " + retries);
        }
        if (retryMaxBackoff.compareTo(retryBackoff) < 0) {
            throw new InvalidConfigurationException("lockRetryMaxBackoff", "(" + retryMaxBackoff
                    + ") must not be shorter than lockRetryBackoff (" + retryBackoff + ")");
        }
    }

}
