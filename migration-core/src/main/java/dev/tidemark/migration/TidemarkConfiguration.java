package dev.tidemark.migration;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The immutable, validated configuration of a {@link Tidemark} instance: the database, the code version,
 * and small groups of options, each a record that owns its defaults and its validation
 * ({@link SourceSettings}, {@link TableSettings}, {@link MigrationLockSettings}, {@link LockSafetySettings},
 * {@link FleetSettings}, {@link LintSettings}, {@link PlaceholderSettings}, {@link AdoptionSettings}). Build one with {@link #builder()}, whose flat setters start from the groups'
 * {@code DEFAULTS}. Thread-safe.
 */
public final class TidemarkConfiguration {

    private final DataSource dataSource;

    private final Version codeVersion;

    private final SourceSettings sources;

    private final TableSettings tables;

    private final MigrationLockSettings migrationLock;

    private final LockSafetySettings lockSafety;

    private final FleetSettings fleet;

    private final LintSettings lint;

    private final PlaceholderSettings placeholders;

    private final AdoptionSettings adoption;

    private final List<MigrationListener> listeners;

    private TidemarkConfiguration(DataSource dataSource, Version codeVersion, SourceSettings sources,
            TableSettings tables, MigrationLockSettings migrationLock, LockSafetySettings lockSafety, FleetSettings fleet,
            LintSettings lint, PlaceholderSettings placeholders, AdoptionSettings adoption,
            List<MigrationListener> listeners) {
        this.dataSource = dataSource;
        this.codeVersion = codeVersion;
        this.sources = sources;
        this.tables = tables;
        this.migrationLock = migrationLock;
        this.lockSafety = lockSafety;
        this.fleet = fleet;
        this.lint = lint;
        this.placeholders = placeholders;
        this.adoption = adoption;
        this.listeners = List.copyOf(listeners);
    }

    /** Starts a builder with every default set; a data source and a code version are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The database to migrate. */
    public DataSource dataSource() {
        return this.dataSource;
    }

    /** The version of the code this instance runs. */
    public Version codeVersion() {
        return this.codeVersion;
    }

    /** Where migrations come from. */
    public SourceSettings sources() {
        return this.sources;
    }

    /** Where Tidemark keeps its own tables. */
    public TableSettings tables() {
        return this.tables;
    }

    /** How an instance waits for the migration lock. */
    public MigrationLockSettings migrationLock() {
        return this.migrationLock;
    }

    /** How migration statements wait for table locks without stalling the application. */
    public LockSafetySettings lockSafety() {
        return this.lockSafety;
    }

    /** How this instance takes part in the fleet. */
    public FleetSettings fleet() {
        return this.fleet;
    }

    /** How the safety linter judges pending migrations before they are applied. */
    public LintSettings lint() {
        return this.lint;
    }

    /** The placeholders replaced in SQL migrations before they run. */
    public PlaceholderSettings placeholders() {
        return this.placeholders;
    }

    /** How Tidemark takes over a schema that Flyway, or no tool, managed before. */
    public AdoptionSettings adoption() {
        return this.adoption;
    }

    /** The listeners that receive lifecycle events. */
    public List<MigrationListener> listeners() {
        return this.listeners;
    }

    /**
     * Builds a {@link TidemarkConfiguration} from flat setters, one per option; {@link #build()} validates
     * every value and names the option at fault. Not thread-safe.
     */
    public static final class Builder {

        private @Nullable DataSource dataSource;
        private @Nullable Version codeVersion;
        private List<MigrationListener> listeners = new ArrayList<>();

        private List<String> locations = List.of(SourceSettings.DEFAULT_LOCATION);
        private List<JavaMigration> javaMigrations = List.of();
        private ClassLoader classLoader = defaultClassLoader();
        private Charset encoding = SourceSettings.DEFAULT_ENCODING;
        private boolean failOnMissingLocations = SourceSettings.DEFAULT_FAIL_ON_MISSING_LOCATIONS;

        private @Nullable String schema = TableSettings.DEFAULTS.schema();
        private String historyTable = TableSettings.DEFAULTS.historyTable();
        private String instancesTable = TableSettings.DEFAULTS.instancesTable();

        private Duration lockWaitTimeout = MigrationLockSettings.DEFAULTS.waitTimeout();
        private Duration lockPollInterval = MigrationLockSettings.DEFAULTS.pollInterval();

        private Duration lockTimeout = LockSafetySettings.DEFAULTS.lockTimeout();
        private Duration initialLockTimeout = LockSafetySettings.DEFAULTS.initialLockTimeout();
        private Duration concurrentLockTimeout = LockSafetySettings.DEFAULTS.concurrentLockTimeout();
        private Duration statementTimeout = LockSafetySettings.DEFAULTS.statementTimeout();
        private int lockRetries = LockSafetySettings.DEFAULTS.retries();
        private Duration lockRetryMaxDuration = LockSafetySettings.DEFAULTS.retryMaxDuration();
        private Duration lockRetryBackoff = LockSafetySettings.DEFAULTS.retryBackoff();
        private Duration lockRetryMaxBackoff = LockSafetySettings.DEFAULTS.retryMaxBackoff();
        private Duration lockWatchdogInterval = LockSafetySettings.DEFAULTS.watchdogInterval();
        private boolean cancelWhenBlocking = LockSafetySettings.DEFAULTS.cancelWhenBlocking();

        private Duration heartbeatInterval = FleetSettings.DEFAULTS.heartbeatInterval();
        private Duration instanceStaleTimeout = FleetSettings.DEFAULTS.instanceStaleTimeout();
        private Duration reconcileInterval = FleetSettings.DEFAULTS.reconcileInterval();
        private ContractMode contractMode = FleetSettings.DEFAULTS.contractMode();
        private @Nullable String host = FleetSettings.DEFAULTS.configuredHost();
        private FleetExpectation fleetExpected = FleetSettings.DEFAULTS.expected();
        private Duration settleDelay = FleetSettings.DEFAULTS.settleDelay();
        private Duration evidenceRetention = FleetSettings.DEFAULTS.evidenceRetention();

        private LintMode lintMode = LintSettings.DEFAULTS.mode();
        private Map<String, LintSeverity> lintSeverities = new LinkedHashMap<>();
        private int lintTargetVersion = LintSettings.DEFAULTS.targetVersion();
        private @Nullable Version lintStartAfter = LintSettings.DEFAULTS.startAfter();
        private Map<String, String> placeholders = new LinkedHashMap<>();
        private String placeholderPrefix = PlaceholderSettings.DEFAULTS.prefix();
        private String placeholderSuffix = PlaceholderSettings.DEFAULTS.suffix();
        private boolean placeholderReplacement = PlaceholderSettings.DEFAULTS.replacement();

        private Version baselineRelease = AdoptionSettings.DEFAULTS.baselineRelease();
        private String flywayHistoryTable = AdoptionSettings.DEFAULTS.flywayHistoryTable();
        private @Nullable Version baselineVersion = AdoptionSettings.DEFAULTS.baselineVersion();

        private Builder() {
        }

        private Builder(TidemarkConfiguration source) {
            this.dataSource = source.dataSource;
            this.codeVersion = source.codeVersion;
            this.listeners = new ArrayList<>(source.listeners);
            sources(source.sources);
            tables(source.tables);
            migrationLock(source.migrationLock);
            lockSafety(source.lockSafety);
            fleet(source.fleet);
            lint(source.lint);
            placeholders(source.placeholders);
            adoption(source.adoption);
        }

        /** Sets the database to migrate (required). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Sets the version of the code this instance runs (required), e.g. {@code 2.4.0}. */
        public Builder codeVersion(String codeVersion) {
            try {
                this.codeVersion = Version.parse(codeVersion);
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationException("codeVersion", String.valueOf(ex.getMessage()));
            }
            return this;
        }

        /** Adds a listener for lifecycle events. */
        public Builder listener(MigrationListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Sets every source option at once. */
        public Builder sources(SourceSettings sources) {
            this.locations = sources.locations();
            this.javaMigrations = sources.javaMigrations();
            this.classLoader = sources.classLoader();
            this.encoding = sources.encoding();
            this.failOnMissingLocations = sources.failOnMissingLocations();
            return this;
        }

        /** Sets where SQL migrations are found, e.g. {@code classpath:db/migration} or {@code filesystem:/opt/sql}. */
        public Builder locations(String... locations) {
            return locations(List.of(locations));
        }

        /** Sets where SQL migrations are found. */
        public Builder locations(List<String> locations) {
            this.locations = List.copyOf(locations);
            return this;
        }

        /** Sets the migrations written in Java. */
        public Builder javaMigrations(JavaMigration... migrations) {
            return javaMigrations(List.of(migrations));
        }

        /** Sets the migrations written in Java. */
        public Builder javaMigrations(List<? extends JavaMigration> migrations) {
            this.javaMigrations = List.copyOf(migrations);
            return this;
        }

        /** Sets the class loader that resolves {@code classpath:} locations. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Sets the encoding of SQL files (UTF-8 by default). */
        public Builder encoding(Charset encoding) {
            this.encoding = Objects.requireNonNull(encoding, "encoding");
            return this;
        }

        /**
         * Sets whether a location that does not exist is an error (the default); turn it off only while the
         * application has no migrations yet.
         */
        public Builder failOnMissingLocations(boolean failOnMissingLocations) {
            this.failOnMissingLocations = failOnMissingLocations;
            return this;
        }

        /** Sets every table option at once. */
        public Builder tables(TableSettings tables) {
            this.schema = tables.schema();
            this.historyTable = tables.historyTable();
            this.instancesTable = tables.instancesTable();
            return this;
        }

        /** Sets the schema of Tidemark's tables; {@code null} means the connection's current schema. */
        public Builder schema(@Nullable String schema) {
            this.schema = schema;
            return this;
        }

        /** Sets the name of the history table. */
        public Builder historyTable(String historyTable) {
            this.historyTable = historyTable;
            return this;
        }

        /** Sets the name of the fleet registry table. */
        public Builder instancesTable(String instancesTable) {
            this.instancesTable = instancesTable;
            return this;
        }

        /** Sets every migration lock option at once. */
        public Builder migrationLock(MigrationLockSettings migrationLock) {
            this.lockWaitTimeout = migrationLock.waitTimeout();
            this.lockPollInterval = migrationLock.pollInterval();
            return this;
        }

        /** Sets how long to wait for another instance's migration lock before failing. */
        public Builder lockWaitTimeout(Duration lockWaitTimeout) {
            this.lockWaitTimeout = lockWaitTimeout;
            return this;
        }

        /** Sets the pause between two attempts to take the migration lock. */
        public Builder lockPollInterval(Duration lockPollInterval) {
            this.lockPollInterval = lockPollInterval;
            return this;
        }

        /** Sets every lock safety option at once. */
        public Builder lockSafety(LockSafetySettings lockSafety) {
            this.lockTimeout = lockSafety.lockTimeout();
            this.initialLockTimeout = lockSafety.initialLockTimeout();
            this.concurrentLockTimeout = lockSafety.concurrentLockTimeout();
            this.statementTimeout = lockSafety.statementTimeout();
            this.lockRetries = lockSafety.retries();
            this.lockRetryMaxDuration = lockSafety.retryMaxDuration();
            this.lockRetryBackoff = lockSafety.retryBackoff();
            this.lockRetryMaxBackoff = lockSafety.retryMaxBackoff();
            this.lockWatchdogInterval = lockSafety.watchdogInterval();
            this.cancelWhenBlocking = lockSafety.cancelWhenBlocking();
            return this;
        }

        /**
         * Sets the longest {@code lock_timeout} that an attempt of a statement whose lock blocks application reads
         * or writes grows to while nobody queues behind it.
         */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        /**
         * Sets the {@code lock_timeout} of the first attempt of a statement whose lock blocks application reads or
         * writes, and of every attempt after one that application sessions queued behind: how long, at most, an
         * application query waits behind a migration statement.
         */
        public Builder initialLockTimeout(Duration initialLockTimeout) {
            this.initialLockTimeout = initialLockTimeout;
            return this;
        }

        /**
         * Sets the {@code lock_timeout} of statements that take at most SHARE UPDATE EXCLUSIVE ({@code CREATE INDEX
         * CONCURRENTLY}, {@code VALIDATE CONSTRAINT}, ...), which block no application query while they wait.
         */
        public Builder concurrentLockTimeout(Duration concurrentLockTimeout) {
            this.concurrentLockTimeout = concurrentLockTimeout;
            return this;
        }

        /** Sets the {@code statement_timeout} of statements whose lock blocks application reads or writes. */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
            return this;
        }

        /** Sets how many times a migration is attempted when its statements keep giving up on locks. */
        public Builder lockRetries(int lockRetries) {
            this.lockRetries = lockRetries;
            return this;
        }

        /** Sets the bound on the total time spent retrying one migration after lock timeouts. */
        public Builder lockRetryMaxDuration(Duration lockRetryMaxDuration) {
            this.lockRetryMaxDuration = lockRetryMaxDuration;
            return this;
        }

        /** Sets the pause before the first retry after a lock timeout; later pauses double. */
        public Builder lockRetryBackoff(Duration lockRetryBackoff) {
            this.lockRetryBackoff = lockRetryBackoff;
            return this;
        }

        /** Sets the upper bound of the pause between two attempts after lock timeouts. */
        public Builder lockRetryMaxBackoff(Duration lockRetryMaxBackoff) {
            this.lockRetryMaxBackoff = lockRetryMaxBackoff;
            return this;
        }

        /** Sets how often the lock watchdog samples a running statement, and a retry pause checks for its blockers. */
        public Builder lockWatchdogInterval(Duration lockWatchdogInterval) {
            this.lockWatchdogInterval = lockWatchdogInterval;
            return this;
        }

        /** Sets whether a statement waiting for a lock is cancelled as soon as application sessions queue behind it. */
        public Builder cancelWhenBlocking(boolean cancelWhenBlocking) {
            this.cancelWhenBlocking = cancelWhenBlocking;
            return this;
        }

        /** Sets every fleet option at once. */
        public Builder fleet(FleetSettings fleet) {
            this.heartbeatInterval = fleet.heartbeatInterval();
            this.instanceStaleTimeout = fleet.instanceStaleTimeout();
            this.reconcileInterval = fleet.reconcileInterval();
            this.contractMode = fleet.contractMode();
            this.host = fleet.configuredHost();
            this.fleetExpected = fleet.expected();
            this.settleDelay = fleet.settleDelay();
            this.evidenceRetention = fleet.evidenceRetention();
            return this;
        }

        /** Sets the interval between two heartbeats in the fleet registry. */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** Sets the age of the last heartbeat after which an instance counts as gone. */
        public Builder instanceStaleTimeout(Duration instanceStaleTimeout) {
            this.instanceStaleTimeout = instanceStaleTimeout;
            return this;
        }

        /** Sets the interval between two re-plans of deferred work. */
        public Builder reconcileInterval(Duration reconcileInterval) {
            this.reconcileInterval = reconcileInterval;
            return this;
        }

        /** Sets whether deferred work is applied automatically or only on request. */
        public Builder contractMode(ContractMode contractMode) {
            this.contractMode = contractMode;
            return this;
        }

        /** Sets what the deployment says about its fleet: let the registry decide, or a single instance. */
        public Builder fleetExpected(FleetExpectation fleetExpected) {
            this.fleetExpected = fleetExpected;
            return this;
        }

        /** Sets how long a single instance must have been up before gated work of its own release applies. */
        public Builder settleDelay(Duration settleDelay) {
            this.settleDelay = settleDelay;
            return this;
        }

        /** Sets how long rows of instances that left count as evidence that the fleet registers. */
        public Builder evidenceRetention(Duration evidenceRetention) {
            this.evidenceRetention = evidenceRetention;
            return this;
        }

        /** Sets the host name recorded in the history and the fleet registry; {@code null} for this machine's name. */
        public Builder host(@Nullable String host) {
            this.host = host;
            return this;
        }

        /** Sets every safety linter option at once. */
        public Builder lint(LintSettings lint) {
            this.lintMode = lint.mode();
            this.lintSeverities = new LinkedHashMap<>(lint.severities());
            this.lintTargetVersion = lint.targetVersion();
            this.lintStartAfter = lint.startAfter();
            return this;
        }

        /** Sets what a run does with the pending migrations' lint findings: fail on errors (default), warn, or off. */
        public Builder lintMode(LintMode lintMode) {
            this.lintMode = lintMode;
            return this;
        }

        /** Sets the severity of one lint rule, e.g. {@code lintSeverity("json-type", LintSeverity.ERROR)}. */
        public Builder lintSeverity(String rule, LintSeverity severity) {
            this.lintSeverities.put(rule, severity);
            return this;
        }

        /** Sets the severity overrides of the lint rules, replacing earlier ones. */
        public Builder lintSeverities(Map<String, LintSeverity> severities) {
            this.lintSeverities = new LinkedHashMap<>(severities);
            return this;
        }

        /** Sets the PostgreSQL major version the linter judges for; 0 for the connected server's. */
        public Builder lintTargetVersion(int lintTargetVersion) {
            this.lintTargetVersion = lintTargetVersion;
            return this;
        }

        /** Sets the version at or below which migrations are not reported by the linter; {@code null} for none. */
        public Builder lintStartAfter(@Nullable String version) {
            try {
                this.lintStartAfter = (version != null) ? Version.parse(version) : null;
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationException("lintStartAfter", String.valueOf(ex.getMessage()));
            }
            return this;
        }

        /** Sets every placeholder option at once. */
        public Builder placeholders(PlaceholderSettings placeholders) {
            this.placeholders = new LinkedHashMap<>(placeholders.values());
            this.placeholderPrefix = placeholders.prefix();
            this.placeholderSuffix = placeholders.suffix();
            this.placeholderReplacement = placeholders.replacement();
            return this;
        }

        /** Sets the placeholders, {@code ${name}} in a SQL migration, replaced by their values before it runs. */
        public Builder placeholders(Map<String, String> placeholders) {
            this.placeholders = new LinkedHashMap<>(placeholders);
            return this;
        }

        /** Adds one placeholder. */
        public Builder placeholder(String name, String value) {
            this.placeholders.put(name, value);
            return this;
        }

        /** Sets what opens a placeholder (<code>${</code> by default). */
        public Builder placeholderPrefix(String placeholderPrefix) {
            this.placeholderPrefix = placeholderPrefix;
            return this;
        }

        /** Sets what closes a placeholder (<code>}</code> by default). */
        public Builder placeholderSuffix(String placeholderSuffix) {
            this.placeholderSuffix = placeholderSuffix;
            return this;
        }

        /** Sets whether placeholders are replaced at all (on by default). */
        public Builder placeholderReplacement(boolean placeholderReplacement) {
            this.placeholderReplacement = placeholderReplacement;
            return this;
        }

        /** Sets every adoption option at once. */
        public Builder adoption(AdoptionSettings adoption) {
            this.baselineRelease = adoption.baselineRelease();
            this.flywayHistoryTable = adoption.flywayHistoryTable();
            this.baselineVersion = adoption.baselineVersion();
            return this;
        }

        /** Sets the release of migrations named the Flyway way that give none in a directive (0 by default). */
        public Builder baselineRelease(String baselineRelease) {
            this.baselineRelease = version("baselineRelease", baselineRelease);
            return this;
        }

        /** Sets the name of Flyway's history table, imported on the first start ({@code flyway_schema_history}). */
        public Builder flywayHistoryTable(String flywayHistoryTable) {
            this.flywayHistoryTable = flywayHistoryTable;
            return this;
        }

        /**
         * Sets the version up to which an existing schema is taken as it is: on the first start of a schema that
         * holds tables but no history, a baseline row records it; {@code null} for none.
         */
        public Builder baselineVersion(@Nullable String baselineVersion) {
            this.baselineVersion = (baselineVersion != null) ? version("baselineVersion", baselineVersion) : null;
            return this;
        }

        private static Version version(String option, String text) {
            try {
                return Version.parse(text);
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationException(option, String.valueOf(ex.getMessage()));
            }
        }

        /**
         * Validates the values and builds the configuration.
         * @throws InvalidConfigurationException naming the option at fault
         */
        public TidemarkConfiguration build() {
            if (this.dataSource == null) {
                throw new InvalidConfigurationException("dataSource", "is required: pass the DataSource of the database "
                        + "to migrate");
            }
            if (this.codeVersion == null) {
                throw new InvalidConfigurationException("codeVersion", "is required: set the version of the code this "
                        + "instance runs, e.g. codeVersion(\"2.4.0\"); Tidemark never guesses it because the phase "
                        + "rules depend on it");
            }
            return new TidemarkConfiguration(this.dataSource, this.codeVersion,
                    new SourceSettings(this.locations, this.javaMigrations, this.classLoader, this.encoding,
                            this.failOnMissingLocations),
                    new TableSettings(this.schema, this.historyTable, this.instancesTable),
                    new MigrationLockSettings(this.lockWaitTimeout, this.lockPollInterval),
                    new LockSafetySettings(this.lockTimeout, this.initialLockTimeout, this.concurrentLockTimeout,
                            this.statementTimeout, this.lockRetries,
                            this.lockRetryMaxDuration, this.lockRetryBackoff, this.lockRetryMaxBackoff,
                            this.lockWatchdogInterval, this.cancelWhenBlocking),
                    new FleetSettings(this.heartbeatInterval, this.instanceStaleTimeout, this.reconcileInterval,
                            this.contractMode, this.host, this.fleetExpected, this.settleDelay, this.evidenceRetention),
                    new LintSettings(this.lintMode, this.lintSeverities, this.lintTargetVersion, this.lintStartAfter),
                    new PlaceholderSettings(this.placeholders, this.placeholderPrefix, this.placeholderSuffix,
                            this.placeholderReplacement),
                    new AdoptionSettings(this.baselineRelease, this.flywayHistoryTable, this.baselineVersion),
                    this.listeners);
        }

        private static ClassLoader defaultClassLoader() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return (loader != null) ? loader : TidemarkConfiguration.class.getClassLoader();
        }

    }

}
