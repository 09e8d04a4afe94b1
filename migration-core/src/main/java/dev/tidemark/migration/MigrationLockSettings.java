package dev.tidemark.migration;

import java.time.Duration;

/**
 * How an instance waits for the migration lock, the session-level advisory lock that lets one instance
 * migrate at a time. Validated when built.
 *
 * @param waitTimeout how long to wait for another instance's migration lock before failing
 * @param pollInterval the pause between two attempts to take it
 */
public record MigrationLockSettings(Duration waitTimeout, Duration pollInterval) {

    /** The defaults: wait up to 5 minutes, trying every 500 ms. */
    public static final MigrationLockSettings DEFAULTS = new MigrationLockSettings(Duration.ofMinutes(5),
            Duration.ofMillis(500));

    /**
     * Validates the values.
     * @throws InvalidConfigurationException naming the option at fault
     */
    public MigrationLockSettings {
        Options.atLeastOneMillisecond("lockWaitTimeout", waitTimeout);
        Options.atLeastOneMillisecond("lockPollInterval", pollInterval);
    }

}
