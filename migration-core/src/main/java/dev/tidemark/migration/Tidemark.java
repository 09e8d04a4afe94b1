package dev.tidemark.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.internal.event.Listeners;
import dev.tidemark.migration.internal.execute.MigrationExecutor;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.lock.AdvisoryLock;
import dev.tidemark.migration.internal.resolve.MigrationResolver;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.state.MigrationCatalog;

/**
 * Tidemark's entry point: applies, describes and validates the migrations of one database.
 * <pre>
 * TidemarkConfiguration configuration = TidemarkConfiguration.builder()
 *     .dataSource(dataSource)
 *     .codeVersion("2.4.0")
 *     .build();
 * new Tidemark(configuration).migrate();
 * </pre>
 * Thread-safe: instances in one or many JVMs coordinate through a PostgreSQL advisory lock.
 */
public final class Tidemark {

    private static final Logger logger = LoggerFactory.getLogger(Tidemark.class);

    private final TidemarkConfiguration configuration;

    private final MigrationResolver resolver;

    private final Listeners listeners;

    /** Creates the facade over a validated configuration. */
    public Tidemark(TidemarkConfiguration configuration) {
        this.configuration = configuration;
        this.resolver = new MigrationResolver(configuration.classLoader());
        this.listeners = new Listeners(configuration.listeners());
    }

    /** The configuration this instance runs with. */
    public TidemarkConfiguration configuration() {
        return this.configuration;
    }

    /**
     * Validates, then applies every pending migration in version order, each in its own transaction
     * unless PostgreSQL forbids one, while holding the migration lock.
     * @return what was applied
     * @throws TidemarkException (a subclass naming the file and line) when validation or a migration fails
     */
    public MigrateResult migrate() {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect()) {
            HistoryTable history = historyTable(connection);
            // Validate before waiting for the lock: a broken file should fail fast, not after minutes of waiting.
            MigrationCatalog catalog = new MigrationCatalog(resolved, history.readAll(connection));
            catalog.validate(locationsText());
            if (catalog.unapplied().isEmpty()) {
                logger.info("Database is up to date: {} migration(s) applied, none pending (history {})",
                        catalog.applied().size(), history.qualifiedName());
                return new MigrateResult(List.of(), List.of());
            }
            try (AdvisoryLock.Held lock = lock(history)) {
                history.createIfAbsent(connection);
                // Another instance may have migrated while this one waited: only the history read under the lock counts.
                catalog = new MigrationCatalog(resolved, history.readAll(connection));
                catalog.validate(locationsText());
                return applyPending(connection, history, catalog, lock);
            }
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Migration failed on a database error: "
                    + ex.getMessage() + " (SQL state " + ex.getSQLState() + ")", ex);
        }
    }

    /**
     * Describes every migration, applied or not, without taking the lock or changing anything.
     * @throws InvalidMigrationException when a file cannot be read
     */
    public List<MigrationInfo> info() {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect()) {
            HistoryTable history = historyTable(connection);
            return new MigrationCatalog(resolved, history.readAll(connection)).describe(Map.of());
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not read the migration history: "
                    + ex.getMessage() + " (SQL state " + ex.getSQLState() + ")", ex);
        }
    }

    /**
     * Checks the files and the history without changing anything: names, directives and SQL of every
     * file, duplicate versions, and that applied migrations are unchanged and present.
     * @throws TidemarkException (a subclass naming the file) at the first problem
     */
    public void validate() {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect()) {
            HistoryTable history = historyTable(connection);
            new MigrationCatalog(resolved, history.readAll(connection)).validate(locationsText());
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not read the migration history: "
                    + ex.getMessage() + " (SQL state " + ex.getSQLState() + ")", ex);
        }
    }

    /**
     * Plans without changing anything (a dry run): what would be applied now and what waits, and why,
     * given this code version and the live fleet.
     */
    public MigrationPlan plan() {
        throw new UnsupportedOperationException("phase planning lands with the phases issue");
    }

    /**
     * The startup step: refuses to start when the schema is ahead of this code ({@link VersionSkewException}),
     * then applies the EXPAND migrations this code version allows. MIGRATE and CONTRACT work is left to
     * {@link #reconcile()}.
     */
    public MigrateResult expand() {
        throw new UnsupportedOperationException("phase planning lands with the phases issue");
    }

    /**
     * Re-plans and applies, under the migration lock, everything the gating rules allow now, including
     * deferred MIGRATE and CONTRACT migrations whose fleet condition became true.
     */
    public MigrateResult reconcile() {
        throw new UnsupportedOperationException("phase planning lands with the phases issue");
    }

    /**
     * Applies deferred work on request (manual mode). Without a reason the gating rules still hold;
     * with a reason every deferred migration this code knows is applied regardless of the fleet, and the
     * reason is recorded in the history.
     * @param forceReason why the gating rules are overridden, or {@code null} to respect them
     */
    public MigrateResult applyDeferred(@Nullable String forceReason) {
        throw new UnsupportedOperationException("phase planning lands with the phases issue");
    }

    /** The live instances of the fleet registry (heartbeat within the stale timeout). */
    public List<FleetInstance> fleet() {
        throw new UnsupportedOperationException("the fleet registry lands with the phases issue");
    }

    /** Registers this instance in the fleet registry and heartbeats until the registration is closed. */
    public FleetRegistration register() {
        throw new UnsupportedOperationException("the fleet registry lands with the phases issue");
    }

    /**
     * Starts background reconciliation on the configured interval (in {@link ContractMode#MANUAL} mode it
     * only keeps the plan fresh and applies nothing); close the returned handle to stop it.
     */
    public Reconciler startReconciler() {
        throw new UnsupportedOperationException("reconciliation lands with the phases issue");
    }

    private MigrateResult applyPending(Connection connection, HistoryTable history, MigrationCatalog catalog,
            AdvisoryLock.Held lock) {
        MigrationExecutor executor = new MigrationExecutor(history, this.configuration, this.listeners);
        List<MigrationInfo> applied = new ArrayList<>();
        for (ResolvedMigration migration : catalog.unapplied()) {
            MigrationInfo info = catalog.describe(migration, null);
            this.listeners.migrationStarted(info);
            long start = System.nanoTime();
            try {
                Duration took = executor.apply(connection, migration, catalog.failure(migration.version()).orElse(null),
                        lock::verify);
                logger.info("Applied {} ({}) in {} ms", migration.label(), migration.script(), took.toMillis());
                this.listeners.migrationSucceeded(info, took);
                applied.add(info);
            }
            catch (TidemarkException ex) {
                this.listeners.migrationFailed(info, Duration.ofNanos(System.nanoTime() - start), ex);
                throw ex;
            }
        }
        logger.info("Database is up to date: applied {} migration(s) (history {})", applied.size(), history.qualifiedName());
        return new MigrateResult(applied, List.of());
    }

    private AdvisoryLock.Held lock(HistoryTable history) {
        this.listeners.lockWaitStarted();
        long start = System.nanoTime();
        boolean acquired = false;
        try {
            AdvisoryLock.Held held = new AdvisoryLock(this.configuration.dataSource(), history.qualifiedName())
                .acquire(this.configuration.lockPollInterval(), this.configuration.lockWaitTimeout());
            acquired = true;
            return held;
        }
        finally {
            this.listeners.lockWaitEnded(Duration.ofNanos(System.nanoTime() - start), acquired);
        }
    }

    private List<ResolvedMigration> resolve() {
        return this.resolver.resolve(this.configuration.locations(), this.configuration.javaMigrations());
    }

    private HistoryTable historyTable(Connection connection) throws SQLException {
        String schema = this.configuration.schema();
        if (schema == null) {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT current_schema()")) {
                result.next();
                schema = result.getString(1);
            }
            if (schema == null) {
                throw new TidemarkException(ErrorCode.INVALID_CONFIGURATION, "The connection has no current schema "
                        + "(its search_path names no existing schema); set Tidemark's schema option");
            }
        }
        return new HistoryTable(schema, this.configuration.historyTable());
    }

    private Connection connect() {
        try {
            Connection connection = this.configuration.dataSource().getConnection();
            // A pool may hand out connections with autocommit off; an idle open transaction would make
            // CREATE INDEX CONCURRENTLY of another instance wait for it.
            connection.setAutoCommit(true);
            return connection;
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not connect to the database to migrate: "
                    + ex.getMessage() + " (SQL state " + ex.getSQLState() + "). Check that PostgreSQL is running and "
                    + "that the URL, user and password are right", ex);
        }
    }

    private String locationsText() {
        return String.join(", ", this.configuration.locations());
    }

}
