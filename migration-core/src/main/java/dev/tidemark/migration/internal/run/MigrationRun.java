package dev.tidemark.migration.internal.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.MigrateResult;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationPlan;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.VersionSkewException;
import dev.tidemark.migration.internal.event.Listeners;
import dev.tidemark.migration.internal.execute.MigrationExecutor;
import dev.tidemark.migration.internal.fleet.HeartbeatRegistration;
import dev.tidemark.migration.internal.fleet.InstanceTable;
import dev.tidemark.migration.internal.fleet.LiveFleet;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.lock.AdvisoryLock;
import dev.tidemark.migration.internal.plan.PhasePlan;
import dev.tidemark.migration.internal.plan.PhasePlanner;
import dev.tidemark.migration.internal.plan.Trigger;
import dev.tidemark.migration.internal.resolve.MigrationResolver;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.state.MigrationCatalog;

/**
 * The commands behind the {@code Tidemark} facade. A run reads the history and the live fleet, plans,
 * and when there is something to apply takes the migration lock, reads both again (another instance
 * may have migrated while this one waited), plans again and applies exactly that plan. Together with
 * the unique index on successful versions this makes concurrent reconcilers apply each migration once.
 * Thread-safe: every call uses its own connections.
 */
public final class MigrationRun {

    private static final Logger logger = LoggerFactory.getLogger(MigrationRun.class);

    private final TidemarkConfiguration configuration;

    private final MigrationResolver resolver;

    private final Listeners listeners;

    private final PhasePlanner planner;

    /** Creates the runner for a configuration. */
    public MigrationRun(TidemarkConfiguration configuration, Listeners listeners) {
        this.configuration = configuration;
        this.resolver = new MigrationResolver(configuration.sources().classLoader());
        this.listeners = listeners;
        this.planner = new PhasePlanner(configuration.codeVersion(), configuration.fleet().contractMode());
    }

    /**
     * Plans and applies.
     * @param trigger which phases this run may apply
     * @param selfIds the registry ids of this instance
     * @param guardSkew whether to refuse when a CONTRACT of a newer release was applied (startup)
     * @param forceReason with {@link Trigger#FORCED}: the reason recorded on each migration the gating rules would have deferred
     */
    public MigrateResult run(Trigger trigger, Set<String> selfIds, boolean guardSkew, @Nullable String forceReason) {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect()) {
            Tables tables = tables(connection);
            List<AppliedMigration> rows = tables.history().readAll(connection);
            if (guardSkew) {
                guardSkew(rows);
            }
            // Validate and plan before waiting for the lock: a broken file should fail fast, and most runs have nothing to do.
            PhasePlan plan = plan(connection, tables, resolved, rows, selfIds, trigger);
            if (plan.toApply().isEmpty()) {
                if (trigger == Trigger.SCHEDULED) {
                    logger.debug("Nothing to apply now\n{}", plan.plan().describe());
                }
                else {
                    logger.info("Nothing to apply now\n{}", plan.plan().describe());
                }
                return new MigrateResult(List.of(), plan.plan().deferred());
            }
            try (AdvisoryLock.Held lock = lock(tables.history())) {
                tables.history().createIfAbsent(connection);
                rows = tables.history().readAll(connection);
                if (guardSkew) {
                    guardSkew(rows);
                }
                plan = plan(connection, tables, resolved, rows, selfIds, trigger);
                logger.info("{}", plan.plan().describe());
                try {
                    return apply(connection, tables.history(), plan, lock, forceReason);
                }
                finally {
                    recount(connection, tables, resolved, selfIds, trigger);
                }
            }
        }
        catch (SQLException ex) {
            throw databaseError("Migration failed on a database error", ex);
        }
    }

    /** Plans without changing anything, as the background reconciliation would (dry run). */
    public PhasePlan plan(Set<String> selfIds) {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect()) {
            Tables tables = tables(connection);
            return plan(connection, tables, resolved, tables.history().readAll(connection), selfIds, Trigger.SCHEDULED);
        }
        catch (SQLException ex) {
            throw databaseError("Could not read the migration history and the fleet registry", ex);
        }
    }

    /** Checks the files and the history without changing anything. */
    public void validate() {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect()) {
            Tables tables = tables(connection);
            new MigrationCatalog(resolved, tables.history().readAll(connection))
                .validate(locationsText(), this.configuration.codeVersion());
        }
        catch (SQLException ex) {
            throw databaseError("Could not read the migration history", ex);
        }
    }

    /** The live instances of the registry; none when the registry table does not exist. */
    public List<FleetInstance> fleet() {
        try (Connection connection = connect()) {
            return liveFleet(connection, tables(connection));
        }
        catch (SQLException ex) {
            throw databaseError("Could not read the fleet registry", ex);
        }
    }

    /** Registers this instance in the fleet registry and starts its heartbeats. */
    public HeartbeatRegistration register(Runnable onClose) {
        InstanceTable table;
        try (Connection connection = connect()) {
            table = tables(connection).instances();
        }
        catch (SQLException ex) {
            throw databaseError("Could not register this instance in the fleet registry", ex);
        }
        return HeartbeatRegistration.start(this.configuration.dataSource(), table, this.configuration.codeVersion(),
                this.configuration.fleet().host(), this.configuration.fleet().heartbeatInterval(), onClose);
    }

    /**
     * Plans once more after applying, only so that listeners (the pending, deferred and failed gauges)
     * see the state the run left behind; a failure here must not hide the run's own outcome.
     */
    private void recount(Connection connection, Tables tables, List<ResolvedMigration> resolved, Set<String> selfIds,
            Trigger trigger) {
        try {
            plan(connection, tables, resolved, tables.history().readAll(connection), selfIds, trigger);
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Could not recount the migrations after the run", ex);
        }
    }

    private PhasePlan plan(Connection connection, Tables tables, List<ResolvedMigration> resolved,
            List<AppliedMigration> rows, Set<String> selfIds, Trigger trigger) throws SQLException {
        MigrationCatalog catalog = new MigrationCatalog(resolved, rows);
        catalog.validate(locationsText(), this.configuration.codeVersion());
        PhasePlan plan = this.planner.plan(catalog, liveFleet(connection, tables), selfIds, trigger);
        int failed = (int) plan.infos().stream().filter((info) -> info.state() == MigrationState.FAILED).count();
        this.listeners.migrationsCounted(plan.toApply().size(), plan.plan().deferred().size(), failed);
        return plan;
    }

    /**
     * The version-skew guard: an applied CONTRACT of a release newer than this code removed a shape this
     * code may use. Checked on the history rows, not the files, because this older code does not have the
     * newer release's files.
     */
    private void guardSkew(List<AppliedMigration> rows) {
        Optional<AppliedMigration> contracted = rows.stream()
            .filter((row) -> row.success() && row.phase() == Phase.CONTRACT
                    && row.release().compareTo(this.configuration.codeVersion()) > 0)
            .max(Comparator.comparing(AppliedMigration::release)
                .thenComparing(Comparator.comparing(AppliedMigration::installedRank).reversed()));
        if (contracted.isPresent()) {
            AppliedMigration row = contracted.get();
            throw new VersionSkewException(this.configuration.codeVersion(), new MigrationInfo(row.version(),
                    row.description(), row.phase(), row.release(), row.script(), row.checksum(), MigrationState.APPLIED,
                    null, row.installedBy(), row.installedOn(), row.host(), row.codeVersion(), row.executionTime(),
                    row.installedRank()));
        }
    }

    private MigrateResult apply(Connection connection, HistoryTable history, PhasePlan plan, AdvisoryLock.Held lock,
            @Nullable String forceReason) throws SQLException {
        List<MigrationInfo> applied = new ArrayList<>();
        try (MigrationExecutor executor = new MigrationExecutor(history, this.configuration, this.listeners)) {
            applyAll(executor, connection, plan, lock, forceReason, applied);
        }
        logger.info("Applied {} migration(s); {} deferred (history {})", applied.size(), plan.plan().deferred().size(),
                history.qualifiedName());
        return new MigrateResult(applied, plan.plan().deferred());
    }

    private void applyAll(MigrationExecutor executor, Connection connection, PhasePlan plan, AdvisoryLock.Held lock,
            @Nullable String forceReason, List<MigrationInfo> applied) {
        for (int i = 0; i < plan.toApply().size(); i++) {
            ResolvedMigration migration = plan.toApply().get(i);
            MigrationInfo info = plan.plan().toApply().get(i);
            String note = (forceReason != null && plan.overridden().contains(migration.version()))
                    ? "forced past the fleet gate: " + forceReason : null;
            AppliedMigration previousFailure = plan.catalog().failure(migration.version()).orElse(null);
            this.listeners.migrationStarted(info);
            long start = System.nanoTime();
            try {
                Duration took = executor.apply(connection, migration, previousFailure, note, lock::verify);
                logger.info("Applied {} ({}) in {} ms{}", migration.label(), migration.script(), took.toMillis(),
                        (note != null) ? "; " + note : "");
                this.listeners.migrationSucceeded(info, took);
                applied.add(info);
            }
            catch (TidemarkException ex) {
                this.listeners.migrationFailed(info, Duration.ofNanos(System.nanoTime() - start), ex);
                throw ex;
            }
        }
    }

    private List<FleetInstance> liveFleet(Connection connection, Tables tables) throws SQLException {
        return LiveFleet.live(tables.instances().readAll(connection), this.configuration.fleet().instanceStaleTimeout());
    }

    private AdvisoryLock.Held lock(HistoryTable history) {
        this.listeners.lockWaitStarted();
        long start = System.nanoTime();
        boolean acquired = false;
        try {
            AdvisoryLock.Held held = new AdvisoryLock(this.configuration.dataSource(), history.qualifiedName())
                .acquire(this.configuration.migrationLock().pollInterval(), this.configuration.migrationLock().waitTimeout());
            acquired = true;
            return held;
        }
        finally {
            this.listeners.lockWaitEnded(Duration.ofNanos(System.nanoTime() - start), acquired);
        }
    }

    private List<ResolvedMigration> resolve() {
        return this.resolver.resolve(this.configuration.sources().locations(), this.configuration.sources().javaMigrations());
    }

    private Tables tables(Connection connection) throws SQLException {
        String schema = this.configuration.tables().schema();
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
        return new Tables(new HistoryTable(schema, this.configuration.tables().historyTable()),
                new InstanceTable(schema, this.configuration.tables().instancesTable()));
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
        return String.join(", ", this.configuration.sources().locations());
    }

    private static TidemarkException databaseError(String what, SQLException ex) {
        return new TidemarkException(ErrorCode.DATABASE_ERROR, what + ": " + ex.getMessage() + " (SQL state "
                + ex.getSQLState() + ")", ex);
    }

    private record Tables(HistoryTable history, InstanceTable instances) {
    }

}
