package dev.tidemark.autoconfigure;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.tidemark.migration.AdoptionSettings;
import dev.tidemark.migration.ContractMode;
import dev.tidemark.migration.FleetExpectation;
import dev.tidemark.migration.FleetSettings;
import dev.tidemark.migration.InvalidConfigurationException;
import dev.tidemark.migration.LockSafetySettings;
import dev.tidemark.migration.MigrationLockSettings;
import dev.tidemark.migration.PlaceholderSettings;
import dev.tidemark.migration.SourceSettings;
import dev.tidemark.migration.TableSettings;
import dev.tidemark.migration.Version;

/**
 * The {@code tidemark.*} configuration properties. Defaults are the core's option groups'
 * {@code DEFAULTS} ({@code LockSafetySettings.DEFAULTS}, ...). The values are checked while they are
 * bound, by the core's own rules (this class is the binder's {@link Validator}), so a bad value stops
 * startup with Spring Boot's binding report: the property, the value, and where it was set (file and
 * line), as for a value that does not convert at all. Not thread-safe (bound once at startup).
 */
@ConfigurationProperties("tidemark")
public class TidemarkProperties implements Validator {

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

    /** JDBC URL of the database to migrate, when Tidemark must connect differently from the application (e.g. past PgBouncer). Defaults to the application's DataSource. */
    private @Nullable String url;

    /** Login user to migrate as, e.g. one allowed to run DDL. With no url, Tidemark connects to the application's database as this user. */
    private @Nullable String user;

    /** Login password of the user to migrate as. */
    private @Nullable String password;

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

    /** What the deployment says about its fleet, which decides when its own release's MIGRATE and CONTRACT apply. */
    private final Fleet fleet = new Fleet();

    /** Placeholders, ${name} in SQL migrations, replaced by their values before a migration runs; checksums cover the files as written. */
    private Map<String, String> placeholders = new LinkedHashMap<>();

    /** What opens a placeholder. */
    private String placeholderPrefix = PlaceholderSettings.DEFAULTS.prefix();

    /** What closes a placeholder. */
    private String placeholderSuffix = PlaceholderSettings.DEFAULTS.suffix();

    /** Whether placeholders are replaced at all. */
    private boolean placeholderReplacement = PlaceholderSettings.DEFAULTS.replacement();

    /** Version up to which an existing schema is taken as it is: on the first start of a schema with tables but no history, a baseline row records it. */
    private @Nullable String baselineVersion;

    /** Release of migrations named the Flyway way (V1__x.sql, R__x.sql) that give none in a directive, and of rows recorded when a schema is taken over. */
    private String baselineRelease = AdoptionSettings.DEFAULTS.baselineRelease().toString();

    /** Name of Flyway's history table, imported on the first start when Tidemark has no history yet. */
    private String flywayHistoryTable = AdoptionSettings.DEFAULTS.flywayHistoryTable();

    @Override
    public boolean supports(Class<?> type) {
        return TidemarkProperties.class.isAssignableFrom(type);
    }

    /**
     * Builds the core's option groups from the bound values, which is where the core checks them, and
     * reports the first problem of each group on its property.
     */
    @Override
    public void validate(Object target, Errors errors) {
        TidemarkProperties properties = (TidemarkProperties) target;
        String schema = properties.schema;
        check(errors, () -> new TableSettings((schema != null && !schema.isBlank()) ? schema : null,
                properties.historyTable, properties.instancesTable));
        check(errors, () -> new MigrationLockSettings(properties.lockWaitTimeout, properties.lockPollInterval));
        check(errors, () -> new LockSafetySettings(properties.lockTimeout, properties.initialLockTimeout,
                properties.concurrentLockTimeout, properties.statementTimeout, properties.lockRetries,
                properties.lockRetryMaxDuration, properties.lockRetryBackoff, properties.lockRetryMaxBackoff,
                properties.lockWatchdogInterval, properties.cancelWhenBlocking));
        check(errors, () -> new FleetSettings(properties.heartbeatInterval, properties.instanceStaleTimeout,
                properties.reconcileInterval, properties.contractMode, null, properties.fleet.expected,
                properties.fleet.settleDelay, properties.fleet.evidenceRetention));
        check(errors, () -> new PlaceholderSettings(properties.placeholders, properties.placeholderPrefix,
                properties.placeholderSuffix, properties.placeholderReplacement));
        Version baselineRelease = version(errors, "baselineRelease", properties.baselineRelease);
        Version baselineVersion = version(errors, "baselineVersion", properties.baselineVersion);
        if (baselineRelease != null) {
            check(errors, () -> new AdoptionSettings(baselineRelease, properties.flywayHistoryTable, baselineVersion));
        }
        version(errors, "codeVersion", properties.codeVersion);
    }

    private static @Nullable Version version(Errors errors, String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Version.parse(text);
        }
        catch (IllegalArgumentException ex) {
            errors.rejectValue(field, "invalid", String.valueOf(ex.getMessage()));
            return null;
        }
    }

    private static void check(Errors errors, Runnable settings) {
        try {
            settings.run();
        }
        catch (InvalidConfigurationException ex) {
            String field = Fleet.FIELDS.get(ex.option());
            if (field != null) {
                errors.rejectValue(field, "invalid", ex.problem());
            }
            else if (BeanUtils.getPropertyDescriptor(TidemarkProperties.class, ex.option()) != null) {
                errors.rejectValue(ex.option(), "invalid", ex.problem());
            }
            else {
                errors.reject("invalid", String.valueOf(ex.getMessage()));
            }
        }
    }

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

    public @Nullable String getUrl() {
        return this.url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable String getUser() {
        return this.user;
    }

    public void setUser(@Nullable String user) {
        this.user = user;
    }

    public @Nullable String getPassword() {
        return this.password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
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

    public Fleet getFleet() {
        return this.fleet;
    }

    public Map<String, String> getPlaceholders() {
        return this.placeholders;
    }

    public void setPlaceholders(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    public String getPlaceholderPrefix() {
        return this.placeholderPrefix;
    }

    public void setPlaceholderPrefix(String placeholderPrefix) {
        this.placeholderPrefix = placeholderPrefix;
    }

    public String getPlaceholderSuffix() {
        return this.placeholderSuffix;
    }

    public void setPlaceholderSuffix(String placeholderSuffix) {
        this.placeholderSuffix = placeholderSuffix;
    }

    public boolean isPlaceholderReplacement() {
        return this.placeholderReplacement;
    }

    public void setPlaceholderReplacement(boolean placeholderReplacement) {
        this.placeholderReplacement = placeholderReplacement;
    }

    public @Nullable String getBaselineVersion() {
        return this.baselineVersion;
    }

    public void setBaselineVersion(@Nullable String baselineVersion) {
        this.baselineVersion = baselineVersion;
    }

    public String getBaselineRelease() {
        return this.baselineRelease;
    }

    public void setBaselineRelease(String baselineRelease) {
        this.baselineRelease = baselineRelease;
    }

    public String getFlywayHistoryTable() {
        return this.flywayHistoryTable;
    }

    public void setFlywayHistoryTable(String flywayHistoryTable) {
        this.flywayHistoryTable = flywayHistoryTable;
    }

    /** The {@code tidemark.fleet.*} properties. */
    public static class Fleet {

        /** The core options these properties set, by the field that binds them. */
        static final Map<String, String> FIELDS = Map.of("fleetExpected", "fleet.expected",
                "settleDelay", "fleet.settleDelay", "evidenceRetention", "fleet.evidenceRetention");

        /** What the deployment says about its fleet: "auto" lets the registry decide; "single" declares a deployment that only ever runs one instance. */
        private FleetExpectation expected = FleetSettings.DEFAULTS.expected();

        /** With expected=single: how long this instance must have been up before MIGRATE and CONTRACT migrations of its own release apply, so that a bad release can still be rolled back. */
        private Duration settleDelay = FleetSettings.DEFAULTS.settleDelay();

        /** How long rows of instances that left (deregistered, or heartbeat gone stale) are kept; while kept, they prove that the fleet registers. */
        private Duration evidenceRetention = FleetSettings.DEFAULTS.evidenceRetention();

        public FleetExpectation getExpected() {
            return this.expected;
        }

        public void setExpected(FleetExpectation expected) {
            this.expected = expected;
        }

        public Duration getSettleDelay() {
            return this.settleDelay;
        }

        public void setSettleDelay(Duration settleDelay) {
            this.settleDelay = settleDelay;
        }

        public Duration getEvidenceRetention() {
            return this.evidenceRetention;
        }

        public void setEvidenceRetention(Duration evidenceRetention) {
            this.evidenceRetention = evidenceRetention;
        }

    }

}
