package dev.tidemark.migration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The immutable, validated configuration of a {@link Tidemark} instance. Build one with
 * {@link #builder()}; the {@code DEFAULT_*} constants are the defaults, which the Spring Boot
 * properties mirror. Thread-safe.
 */
public final class TidemarkConfiguration {

    /** Default migration location. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration";

    /** Default name of the history table. */
    public static final String DEFAULT_HISTORY_TABLE = "tidemark_history";

    /** Default name of the fleet registry table. */
    public static final String DEFAULT_INSTANCES_TABLE = "tidemark_instances";

    /** Default bound on waiting for another instance's migration lock. */
    public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofMinutes(5);

    /** Default pause between two attempts to take the migration lock. */
    public static final Duration DEFAULT_LOCK_POLL_INTERVAL = Duration.ofMillis(500);

    /** Default {@code lock_timeout} of every migration statement. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

    /** Default number of attempts of a migration whose statements keep timing out on locks. */
    public static final int DEFAULT_LOCK_RETRIES = 20;

    /** Default bound on the total time spent retrying one migration after lock timeouts. */
    public static final Duration DEFAULT_LOCK_RETRY_MAX_DURATION = Duration.ofMinutes(5);

    /** Default {@code statement_timeout} of statements that hold an ACCESS EXCLUSIVE lock. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(1);

    /** Default interval between two heartbeats of this instance in the fleet registry. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    /** Default age of the last heartbeat after which an instance counts as gone. */
    public static final Duration DEFAULT_INSTANCE_STALE_TIMEOUT = Duration.ofSeconds(45);

    /** Default interval between two re-plans of deferred work. */
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(30);

    /** Default pause before the first retry of a migration after a lock timeout; later pauses double. */
    public static final Duration DEFAULT_LOCK_RETRY_BACKOFF = Duration.ofMillis(100);

    /** Default upper bound of the pause between two attempts after lock timeouts. */
    public static final Duration DEFAULT_LOCK_RETRY_MAX_BACKOFF = Duration.ofSeconds(5);

    /** Default interval at which the lock watchdog samples a running migration statement. */
    public static final Duration DEFAULT_LOCK_WATCHDOG_INTERVAL = Duration.ofMillis(25);

    /** Default of whether a statement waiting for a lock is cancelled as soon as application sessions queue behind it. */
    public static final boolean DEFAULT_CANCEL_WHEN_BLOCKING = true;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final Version codeVersion;
    private final List<String> locations;
    private final List<JavaMigration> javaMigrations;
    private final ClassLoader classLoader;
    private final @Nullable String schema;
    private final String historyTable;
    private final String instancesTable;
    private final Duration lockWaitTimeout;
    private final Duration lockPollInterval;
    private final Duration lockTimeout;
    private final int lockRetries;
    private final Duration lockRetryMaxDuration;
    private final Duration statementTimeout;
    private final Duration heartbeatInterval;
    private final Duration instanceStaleTimeout;
    private final Duration reconcileInterval;
    private final ContractMode contractMode;
    private final String host;
    private final List<MigrationListener> listeners;
    private final Duration lockRetryBackoff;
    private final Duration lockRetryMaxBackoff;
    private final Duration lockWatchdogInterval;
    private final boolean cancelWhenBlocking;

    private TidemarkConfiguration(Builder builder) {
        // build() checked both.
        this.dataSource = Objects.requireNonNull(builder.dataSource);
        this.codeVersion = Objects.requireNonNull(builder.codeVersion);
        this.locations = List.copyOf(builder.locations);
        this.javaMigrations = List.copyOf(builder.javaMigrations);
        this.classLoader = builder.classLoader;
        this.schema = builder.schema;
        this.historyTable = builder.historyTable;
        this.instancesTable = builder.instancesTable;
        this.lockWaitTimeout = builder.lockWaitTimeout;
        this.lockPollInterval = builder.lockPollInterval;
        this.lockTimeout = builder.lockTimeout;
        this.lockRetries = builder.lockRetries;
        this.lockRetryMaxDuration = builder.lockRetryMaxDuration;
        this.statementTimeout = builder.statementTimeout;
        this.heartbeatInterval = builder.heartbeatInterval;
        this.instanceStaleTimeout = builder.instanceStaleTimeout;
        this.reconcileInterval = builder.reconcileInterval;
        this.contractMode = builder.contractMode;
        this.host = builder.host;
        this.listeners = List.copyOf(builder.listeners);
        this.lockRetryBackoff = builder.lockRetryBackoff;
        this.lockRetryMaxBackoff = builder.lockRetryMaxBackoff;
        this.lockWatchdogInterval = builder.lockWatchdogInterval;
        this.cancelWhenBlocking = builder.cancelWhenBlocking;
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

    /** Where SQL migrations are found: {@code classpath:} or {@code filesystem:} prefixed paths. */
    public List<String> locations() {
        return this.locations;
    }

    /** Migrations written in Java. */
    public List<JavaMigration> javaMigrations() {
        return this.javaMigrations;
    }

    /** The class loader that resolves {@code classpath:} locations. */
    public ClassLoader classLoader() {
        return this.classLoader;
    }

    /** The schema of Tidemark's own tables, or {@code null} for the connection's current schema. */
    public @Nullable String schema() {
        return this.schema;
    }

    /** The name of the history table. */
    public String historyTable() {
        return this.historyTable;
    }

    /** The name of the fleet registry table. */
    public String instancesTable() {
        return this.instancesTable;
    }

    /** How long to wait for another instance's migration lock before failing. */
    public Duration lockWaitTimeout() {
        return this.lockWaitTimeout;
    }

    /** The pause between two attempts to take the migration lock. */
    public Duration lockPollInterval() {
        return this.lockPollInterval;
    }

    /** The {@code lock_timeout} of every migration statement. */
    public Duration lockTimeout() {
        return this.lockTimeout;
    }

    /** How many times a migration is attempted when its statements keep timing out on locks. */
    public int lockRetries() {
        return this.lockRetries;
    }

    /** The bound on the total time spent retrying one migration after lock timeouts. */
    public Duration lockRetryMaxDuration() {
        return this.lockRetryMaxDuration;
    }

    /** The {@code statement_timeout} of statements that hold an ACCESS EXCLUSIVE lock. */
    public Duration statementTimeout() {
        return this.statementTimeout;
    }

    /** The interval between two heartbeats in the fleet registry. */
    public Duration heartbeatInterval() {
        return this.heartbeatInterval;
    }

    /** The age of the last heartbeat after which an instance counts as gone. */
    public Duration instanceStaleTimeout() {
        return this.instanceStaleTimeout;
    }

    /** The interval between two re-plans of deferred work. */
    public Duration reconcileInterval() {
        return this.reconcileInterval;
    }

    /** Whether deferred work is applied automatically or only on request. */
    public ContractMode contractMode() {
        return this.contractMode;
    }

    /** The name of this host, recorded in the history and the fleet registry. */
    public String host() {
        return this.host;
    }

    /** The listeners that receive lifecycle events. */
    public List<MigrationListener> listeners() {
        return this.listeners;
    }

    /**
     * The pause before the first retry after a lock timeout; each later pause doubles, up to
     * {@link #lockRetryMaxBackoff()}, and is jittered between half and all of that value.
     */
    public Duration lockRetryBackoff() {
        return this.lockRetryBackoff;
    }

    /** The upper bound of the pause between two attempts after lock timeouts. */
    public Duration lockRetryMaxBackoff() {
        return this.lockRetryMaxBackoff;
    }

    /**
     * How often the lock watchdog samples {@code pg_stat_activity} for the migration's backend while a
     * statement runs; this bounds how long application queries can queue behind a waiting statement.
     */
    public Duration lockWatchdogInterval() {
        return this.lockWatchdogInterval;
    }

    /**
     * Whether a migration statement that waits for a lock is cancelled (and retried after a pause) as
     * soon as application sessions queue behind it, instead of only when its {@code lock_timeout} expires.
     */
    public boolean cancelWhenBlocking() {
        return this.cancelWhenBlocking;
    }

    /**
     * Builds a {@link TidemarkConfiguration}; {@link #build()} validates every value and names the
     * option at fault. Not thread-safe.
     */
    public static final class Builder {

        private @Nullable DataSource dataSource;
        private @Nullable Version codeVersion;
        private List<String> locations = List.of(DEFAULT_LOCATION);
        private List<JavaMigration> javaMigrations = List.of();
        private ClassLoader classLoader = defaultClassLoader();
        private @Nullable String schema;
        private String historyTable = DEFAULT_HISTORY_TABLE;
        private String instancesTable = DEFAULT_INSTANCES_TABLE;
        private Duration lockWaitTimeout = DEFAULT_LOCK_WAIT_TIMEOUT;
        private Duration lockPollInterval = DEFAULT_LOCK_POLL_INTERVAL;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private int lockRetries = DEFAULT_LOCK_RETRIES;
        private Duration lockRetryMaxDuration = DEFAULT_LOCK_RETRY_MAX_DURATION;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration instanceStaleTimeout = DEFAULT_INSTANCE_STALE_TIMEOUT;
        private Duration reconcileInterval = DEFAULT_RECONCILE_INTERVAL;
        private ContractMode contractMode = ContractMode.AUTOMATIC;
        private String host = defaultHost();
        private List<MigrationListener> listeners = new ArrayList<>();
        private Duration lockRetryBackoff = DEFAULT_LOCK_RETRY_BACKOFF;
        private Duration lockRetryMaxBackoff = DEFAULT_LOCK_RETRY_MAX_BACKOFF;
        private Duration lockWatchdogInterval = DEFAULT_LOCK_WATCHDOG_INTERVAL;
        private boolean cancelWhenBlocking = DEFAULT_CANCEL_WHEN_BLOCKING;

        private Builder() {
        }

        private Builder(TidemarkConfiguration source) {
            this.dataSource = source.dataSource;
            this.codeVersion = source.codeVersion;
            this.locations = source.locations;
            this.javaMigrations = source.javaMigrations;
            this.classLoader = source.classLoader;
            this.schema = source.schema;
            this.historyTable = source.historyTable;
            this.instancesTable = source.instancesTable;
            this.lockWaitTimeout = source.lockWaitTimeout;
            this.lockPollInterval = source.lockPollInterval;
            this.lockTimeout = source.lockTimeout;
            this.lockRetries = source.lockRetries;
            this.lockRetryMaxDuration = source.lockRetryMaxDuration;
            this.statementTimeout = source.statementTimeout;
            this.heartbeatInterval = source.heartbeatInterval;
            this.instanceStaleTimeout = source.instanceStaleTimeout;
            this.reconcileInterval = source.reconcileInterval;
            this.contractMode = source.contractMode;
            this.host = source.host;
            this.listeners = new ArrayList<>(source.listeners);
            this.lockRetryBackoff = source.lockRetryBackoff;
            this.lockRetryMaxBackoff = source.lockRetryMaxBackoff;
            this.lockWatchdogInterval = source.lockWatchdogInterval;
            this.cancelWhenBlocking = source.cancelWhenBlocking;
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
                throw invalid("codeVersion", String.valueOf(ex.getMessage()));
            }
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

        /** Sets the {@code lock_timeout} of every migration statement. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        /** Sets how many times a migration is attempted when its statements keep timing out on locks. */
        public Builder lockRetries(int lockRetries) {
            this.lockRetries = lockRetries;
            return this;
        }

        /** Sets the bound on the total time spent retrying one migration after lock timeouts. */
        public Builder lockRetryMaxDuration(Duration lockRetryMaxDuration) {
            this.lockRetryMaxDuration = lockRetryMaxDuration;
            return this;
        }

        /** Sets the {@code statement_timeout} of statements that hold an ACCESS EXCLUSIVE lock. */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
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

        /** Sets the host name recorded in the history and the fleet registry. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Adds a listener for lifecycle events. */
        public Builder listener(MigrationListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
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

        /** Sets how often the lock watchdog samples a running migration statement. */
        public Builder lockWatchdogInterval(Duration lockWatchdogInterval) {
            this.lockWatchdogInterval = lockWatchdogInterval;
            return this;
        }

        /** Sets whether a statement waiting for a lock is cancelled as soon as application sessions queue behind it. */
        public Builder cancelWhenBlocking(boolean cancelWhenBlocking) {
            this.cancelWhenBlocking = cancelWhenBlocking;
            return this;
        }

        /**
         * Validates the values and builds the configuration.
         * @throws TidemarkException with {@link ErrorCode#INVALID_CONFIGURATION} naming the option at fault
         */
        public TidemarkConfiguration build() {
            if (this.dataSource == null) {
                throw invalid("dataSource", "is required: pass the DataSource of the database to migrate");
            }
            if (this.codeVersion == null) {
                throw invalid("codeVersion", "is required: set the version of the code this instance runs, "
                        + "e.g. codeVersion(\"2.4.0\"); Tidemark never guesses it because the phase rules depend on it");
            }
            if (this.locations.isEmpty() && this.javaMigrations.isEmpty()) {
                throw invalid("locations", "is empty and there are no Java migrations: nothing to migrate");
            }
            for (String location : this.locations) {
                if (location.isBlank()) {
                    throw invalid("locations", "contains a blank entry");
                }
            }
            if (this.schema != null) {
                identifier("schema", this.schema);
            }
            identifier("historyTable", this.historyTable);
            identifier("instancesTable", this.instancesTable);
            positive("lockWaitTimeout", this.lockWaitTimeout);
            positive("lockPollInterval", this.lockPollInterval);
            positive("lockTimeout", this.lockTimeout);
            positive("lockRetryMaxDuration", this.lockRetryMaxDuration);
            positive("statementTimeout", this.statementTimeout);
            positive("heartbeatInterval", this.heartbeatInterval);
            positive("instanceStaleTimeout", this.instanceStaleTimeout);
            positive("reconcileInterval", this.reconcileInterval);
            positive("lockRetryBackoff", this.lockRetryBackoff);
            positive("lockRetryMaxBackoff", this.lockRetryMaxBackoff);
            positive("lockWatchdogInterval", this.lockWatchdogInterval);
            if (this.lockRetryMaxBackoff.compareTo(this.lockRetryBackoff) < 0) {
                throw invalid("lockRetryMaxBackoff", "(" + this.lockRetryMaxBackoff + ") must not be shorter than "
                        + "lockRetryBackoff (" + this.lockRetryBackoff + ")");
            }
            if (this.lockRetries < 1) {
                throw invalid("lockRetries", "must be at least 1 but was " + this.lockRetries);
            }
            if (this.instanceStaleTimeout.compareTo(this.heartbeatInterval) <= 0) {
                throw invalid("instanceStaleTimeout", "(" + this.instanceStaleTimeout + ") must be longer than "
                        + "heartbeatInterval (" + this.heartbeatInterval + "), or live instances would count as gone");
            }
            if (this.host.isBlank()) {
                throw invalid("host", "must not be blank");
            }
            return new TidemarkConfiguration(this);
        }

        private static void identifier(String option, String value) {
            if (!IDENTIFIER.matcher(value).matches()) {
                throw invalid(option, "'" + value + "' is not a plain PostgreSQL identifier: use letters, digits "
                        + "and underscores, starting with a letter or underscore, at most 63 characters");
            }
        }

        private static void positive(String option, @Nullable Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw invalid(option, "must be a positive duration but was " + value);
            }
        }

        private static TidemarkException invalid(String option, String problem) {
            return new TidemarkException(ErrorCode.INVALID_CONFIGURATION, "Tidemark option '" + option + "' " + problem);
        }

        private static ClassLoader defaultClassLoader() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return (loader != null) ? loader : TidemarkConfiguration.class.getClassLoader();
        }

        private static String defaultHost() {
            try {
                return InetAddress.getLocalHost().getHostName();
            }
            catch (UnknownHostException ex) {
                return "unknown-host";
            }
        }

    }

}
