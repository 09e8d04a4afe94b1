package dev.tidemark.autoconfigure;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.tidemark.migration.ContractMode;
import dev.tidemark.migration.FleetSettings;
import dev.tidemark.migration.LockSafetySettings;
import dev.tidemark.migration.MigrationLockSettings;
import dev.tidemark.migration.SourceSettings;
import dev.tidemark.migration.TableSettings;

/**
 * The {@code tidemark.*} configuration properties. Defaults are the core's
 * option groups' {@code DEFAULTS} ({@code LockSafetySettings.DEFAULTS}, ...); the core validates every value when the
 * {@code Tidemark} bean is created. Not thread-safe (bound once at startup).
 */
@ConfigurationProperties("tidemark")
public class TidemarkProperties {

    /** Whether to enable Tidemark. */
    private boolean enabled = true;

    /** Locations of migrations, "classpath:" or "filesystem:" prefixed and searched with their subfolders. */
    private List<String> locations = new ArrayList<>(List.of(SourceSettings.DEFAULT_LOCATION));

    /** Encoding of migration files. A file that is not valid in it stops startup, naming the file, line and byte offset. */
    private Charset encoding = SourceSettings.DEFAULT_ENCODING;

    /** Whether a location that does not exist stops startup. Turn it off only while the application has no migrations yet. */
    private boolean failOnMissingLocations = SourceSettings.DEFAULT_FAIL_ON_MISSING_LOCATIONS;

    /** Version of the code this instance runs, which decides what may be applied. Defaults to the build version from build-info, if any. */
    private @Nullable String codeVersion;

    /** Schema of Tidemark's own tables. Defaults to the connection's current schema. */
    private @Nullable String schema;

    /** Name of the migration history table. */
    private String historyTable = TableSettings.DEFAULTS.historyTable();

    /** Name of the fleet registry table, where instances register their code version. */
    private String instancesTable = TableSettings.DEFAULTS.instancesTable();

    /** Maximum time to wait for another instance's migration lock before startup fails. */
    private Duration lockWaitTimeout = MigrationLockSettings.DEFAULTS.waitTimeout();

    /** Pause between two attempts to take the migration lock. */
    private Duration lockPollInterval = MigrationLockSettings.DEFAULTS.pollInterval();

    /**
     * Longest PostgreSQL lock_timeout that an attempt of a statement whose lock blocks application reads or writes
     * grows to, while no application session queues behind it.
     */
    private Duration lockTimeout = LockSafetySettings.DEFAULTS.lockTimeout();

    /**
     * PostgreSQL lock_timeout of the first attempt of a statement whose lock blocks application reads or writes, and of
     * every attempt after one that application sessions queued behind: how long an application query can wait behind it.
     */
    private Duration initialLockTimeout = LockSafetySettings.DEFAULTS.initialLockTimeout();

    /**
     * PostgreSQL lock_timeout of statements that take at most SHARE UPDATE EXCLUSIVE (CREATE INDEX CONCURRENTLY,
     * VALIDATE CONSTRAINT, ...), which block no application query while they wait for older transactions.
     */
    private Duration concurrentLockTimeout = LockSafetySettings.DEFAULTS.concurrentLockTimeout();

    /** Maximum number of attempts of a migration whose statements keep timing out on table locks. */
    private int lockRetries = LockSafetySettings.DEFAULTS.retries();

    /** Maximum total time spent retrying one migration after lock timeouts. */
    private Duration lockRetryMaxDuration = LockSafetySettings.DEFAULTS.retryMaxDuration();

    /** First pause before retrying a migration after a lock timeout; it doubles, with jitter, on each retry. */
    private Duration lockRetryBackoff = LockSafetySettings.DEFAULTS.retryBackoff();

    /** Longest pause between two retries after lock timeouts. */
    private Duration lockRetryMaxBackoff = LockSafetySettings.DEFAULTS.retryMaxBackoff();

    /**
     * How often the lock watchdog samples a running migration statement for lock waits and sessions queued behind it,
     * and how often a pause before a retry checks whether the sessions in its way are gone.
     */
    private Duration lockWatchdogInterval = LockSafetySettings.DEFAULTS.watchdogInterval();

    /** Whether to cancel, and later retry, a migration statement as soon as application sessions queue behind its lock wait. */
    private boolean cancelWhenBlocking = LockSafetySettings.DEFAULTS.cancelWhenBlocking();

    /** PostgreSQL statement_timeout of statements that hold an ACCESS EXCLUSIVE lock. */
    private Duration statementTimeout = LockSafetySettings.DEFAULTS.statementTimeout();

    /** Interval between two heartbeats of this instance in the fleet registry. */
    private Duration heartbeatInterval = FleetSettings.DEFAULTS.heartbeatInterval();

    /** Age of an instance's last heartbeat after which it counts as gone. */
    private Duration instanceStaleTimeout = FleetSettings.DEFAULTS.instanceStaleTimeout();

    /** Interval between two background re-plans of deferred MIGRATE and CONTRACT migrations. */
    private Duration reconcileInterval = FleetSettings.DEFAULTS.reconcileInterval();

    /** Whether deferred work is applied automatically once the fleet allows it, or only on request. */
    private ContractMode contractMode = FleetSettings.DEFAULTS.contractMode();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getLocations() {
        return this.locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public Charset getEncoding() {
        return this.encoding;
    }

    public void setEncoding(Charset encoding) {
        this.encoding = encoding;
    }

    public boolean isFailOnMissingLocations() {
        return this.failOnMissingLocations;
    }

    public void setFailOnMissingLocations(boolean failOnMissingLocations) {
        this.failOnMissingLocations = failOnMissingLocations;
    }

    public @Nullable String getCodeVersion() {
        return this.codeVersion;
    }

    public void setCodeVersion(@Nullable String codeVersion) {
        this.codeVersion = codeVersion;
    }

    public @Nullable String getSchema() {
        return this.schema;
    }

    public void setSchema(@Nullable String schema) {
        this.schema = schema;
    }

    public String getHistoryTable() {
        return this.historyTable;
    }

    public void setHistoryTable(String historyTable) {
        this.historyTable = historyTable;
    }

    public String getInstancesTable() {
        return this.instancesTable;
    }

    public void setInstancesTable(String instancesTable) {
        this.instancesTable = instancesTable;
    }

    public Duration getLockWaitTimeout() {
        return this.lockWaitTimeout;
    }

    public void setLockWaitTimeout(Duration lockWaitTimeout) {
        this.lockWaitTimeout = lockWaitTimeout;
    }

    public Duration getLockPollInterval() {
        return this.lockPollInterval;
    }

    public void setLockPollInterval(Duration lockPollInterval) {
        this.lockPollInterval = lockPollInterval;
    }

    public Duration getLockTimeout() {
        return this.lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getInitialLockTimeout() {
        return this.initialLockTimeout;
    }

    public void setInitialLockTimeout(Duration initialLockTimeout) {
        this.initialLockTimeout = initialLockTimeout;
    }

    public Duration getConcurrentLockTimeout() {
        return this.concurrentLockTimeout;
    }

    public void setConcurrentLockTimeout(Duration concurrentLockTimeout) {
        this.concurrentLockTimeout = concurrentLockTimeout;
    }

    public int getLockRetries() {
        return this.lockRetries;
    }

    public void setLockRetries(int lockRetries) {
        this.lockRetries = lockRetries;
    }

    public Duration getLockRetryMaxDuration() {
        return this.lockRetryMaxDuration;
    }

    public void setLockRetryMaxDuration(Duration lockRetryMaxDuration) {
        this.lockRetryMaxDuration = lockRetryMaxDuration;
    }

    public Duration getLockRetryBackoff() {
        return this.lockRetryBackoff;
    }

    public void setLockRetryBackoff(Duration lockRetryBackoff) {
        this.lockRetryBackoff = lockRetryBackoff;
    }

    public Duration getLockRetryMaxBackoff() {
        return this.lockRetryMaxBackoff;
    }

    public void setLockRetryMaxBackoff(Duration lockRetryMaxBackoff) {
        this.lockRetryMaxBackoff = lockRetryMaxBackoff;
    }

    public Duration getLockWatchdogInterval() {
        return this.lockWatchdogInterval;
    }

    public void setLockWatchdogInterval(Duration lockWatchdogInterval) {
        this.lockWatchdogInterval = lockWatchdogInterval;
    }

    public boolean isCancelWhenBlocking() {
        return this.cancelWhenBlocking;
    }

    public void setCancelWhenBlocking(boolean cancelWhenBlocking) {
        this.cancelWhenBlocking = cancelWhenBlocking;
    }

    public Duration getStatementTimeout() {
        return this.statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public Duration getHeartbeatInterval() {
        return this.heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getInstanceStaleTimeout() {
        return this.instanceStaleTimeout;
    }

    public void setInstanceStaleTimeout(Duration instanceStaleTimeout) {
        this.instanceStaleTimeout = instanceStaleTimeout;
    }

    public Duration getReconcileInterval() {
        return this.reconcileInterval;
    }

    public void setReconcileInterval(Duration reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    public ContractMode getContractMode() {
        return this.contractMode;
    }

    public void setContractMode(ContractMode contractMode) {
        this.contractMode = contractMode;
    }

}
