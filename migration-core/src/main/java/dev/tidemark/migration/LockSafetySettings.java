package dev.tidemark.migration;

import java.time.Duration;

/**
 * How migration statements wait for locks without stalling the application. A statement whose lock blocks
 * application reads or writes (SHARE and stronger) waits under a short {@code lock_timeout} that starts at
 * {@code initialLockTimeout} and grows towards {@code lockTimeout} only while nobody queues behind it, and
 * holds its lock under {@code statementTimeout}; a statement that takes at most SHARE UPDATE EXCLUSIVE
 * ({@code CREATE INDEX CONCURRENTLY}, {@code VALIDATE CONSTRAINT}, DML, ...) blocks no application query
 * while it waits and may wait up to {@code concurrentLockTimeout}, for example for the older transactions
 * that {@code CREATE INDEX CONCURRENTLY} must outlast. A watchdog cancels a waiting statement once
 * application sessions queue behind it, and a statement that gave up on its lock is retried after a
 * jittered, doubling pause, ended early when its blockers are gone, within a budget of attempts and time.
 * Validated when built.
 *
 * @param lockTimeout the longest {@code lock_timeout} an attempt of a statement that blocks application reads
 *        or writes grows to, while nobody queues behind it
 * @param initialLockTimeout the {@code lock_timeout} of the first attempt of such a statement, and of every
 *        attempt after one that application sessions queued behind: the bound, kept by the server, on how long
 *        an application query waits behind a migration statement (capped at {@code lockTimeout})
 * @param concurrentLockTimeout the {@code lock_timeout} of statements that take at most SHARE UPDATE EXCLUSIVE
 * @param statementTimeout the {@code statement_timeout} of statements whose lock blocks application reads
 *        or writes (a plain {@code CREATE INDEX}, most {@code ALTER TABLE} forms, ...): they are cancelled after it
 * @param retries how many times a migration is attempted when its statements keep giving up on locks
 * @param retryMaxDuration the bound on the total time spent retrying one migration
 * @param retryBackoff the pause before the first retry; each later pause doubles, jittered between half and all
 * @param retryMaxBackoff the longest pause between two attempts
 * @param watchdogInterval how often the lock watchdog samples a running statement, and how often a pause
 *        checks whether the sessions in the way of the next attempt are gone
 * @param cancelWhenBlocking whether a statement waiting for a lock is cancelled (and retried) as soon as
 *        application sessions queue behind it, rather than only when its {@code lock_timeout} expires
 */
public record LockSafetySettings(Duration lockTimeout, Duration initialLockTimeout, Duration concurrentLockTimeout,
        Duration statementTimeout, int retries, Duration retryMaxDuration, Duration retryBackoff,
        Duration retryMaxBackoff, Duration watchdogInterval, boolean cancelWhenBlocking) {

    /**
     * The defaults: lock timeouts from 50 ms growing to 2 s, 30 min for SHARE UPDATE EXCLUSIVE statements, 1 min
     * statement timeout, 20 attempts within 5 min, 100 ms doubling to 5 s, a 25 ms watchdog that cancels.
     */
    public static final LockSafetySettings DEFAULTS = new LockSafetySettings(Duration.ofSeconds(2),
            Duration.ofMillis(50), Duration.ofMinutes(30), Duration.ofMinutes(1), 20, Duration.ofMinutes(5),
            Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(25), true);

    /**
     * Validates the values.
     * @throws InvalidConfigurationException naming the option at fault
     */
    public LockSafetySettings {
        Options.atLeastOneMillisecond("lockTimeout", lockTimeout);
        Options.atLeastOneMillisecond("initialLockTimeout", initialLockTimeout);
        Options.atLeastOneMillisecond("concurrentLockTimeout", concurrentLockTimeout);
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
