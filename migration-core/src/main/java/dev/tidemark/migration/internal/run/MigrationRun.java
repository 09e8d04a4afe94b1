package dev.tidemark.migration.internal.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.LintFailedException;
import dev.tidemark.migration.LintMode;
import dev.tidemark.migration.LintReport;
import dev.tidemark.migration.LintSettings;
import dev.tidemark.migration.LockTrace;
import dev.tidemark.migration.MigrateResult;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.RunTrigger;
import dev.tidemark.migration.SourceSettings;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.event.Listeners;
import dev.tidemark.migration.internal.execute.MigrationExecutor;
import dev.tidemark.migration.internal.execute.StepGate;
import dev.tidemark.migration.internal.execute.StepResult;
import dev.tidemark.migration.internal.fleet.HeartbeatRegistration;
import dev.tidemark.migration.internal.fleet.InstanceTable;
import dev.tidemark.migration.internal.fleet.FleetSnapshot;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.lint.LintRunner;
import dev.tidemark.migration.internal.lint.LintScript;
import dev.tidemark.migration.internal.lint.trace.LockTracer;
import dev.tidemark.migration.internal.lock.AdvisoryLock;
import dev.tidemark.migration.internal.lock.LockHolder;
import dev.tidemark.migration.internal.plan.PhasePlan;
import dev.tidemark.migration.internal.plan.PhasePlanner;
import dev.tidemark.migration.internal.plan.PlanStep;
import dev.tidemark.migration.internal.plan.SkewGuard;
import dev.tidemark.migration.internal.plan.Trigger;
import dev.tidemark.migration.internal.resolve.MigrationResolver;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.IdleTimeouts;
import dev.tidemark.migration.internal.state.MigrationCatalog;

/**
 * The commands behind the {@code Tidemark} facade. A run reads the history and the live fleet, plans,
 * and when there is something to apply takes the migration lock, reads both again (another instance
 * may have migrated while this one waited), plans again and applies exactly that plan, step by step.
 * Together with the unique index on successful versions this makes concurrent reconcilers apply each
 * migration once. Thread-safe: every call uses its own connections.
 */
public final class MigrationRun {

    private static final Logger logger = LoggerFactory.getLogger(MigrationRun.class);

    private final TidemarkConfiguration configuration;

    private final MigrationResolver resolver;

    private final Listeners listeners;

    private final PhasePlanner planner;

    private volatile boolean serverChecked;

    /** Creates the runner for a configuration. */
    public MigrationRun(TidemarkConfiguration configuration, Listeners listeners) {
        this.configuration = configuration;
        SourceSettings sources = configuration.sources();
        this.resolver = new MigrationResolver(sources.classLoader(), sources.encoding(), sources.failOnMissingLocations());
        this.listeners = listeners;
        this.planner = new PhasePlanner(configuration.codeVersion(), configuration.fleet().contractMode(),
                configuration.fleet());
    }

    /**
     * Plans and applies, waiting for the migration lock when there is something to apply.
     * @param trigger which phases this run may apply
     * @param selfIds the registry ids of this instance
     * @param guardSkew whether to refuse when a CONTRACT of a newer release has begun (startup)
     * @param forceReason with {@link Trigger#FORCED}: the reason recorded on each migration the gating rules would have deferred
     */
    public MigrateResult run(Trigger trigger, Set<String> selfIds, boolean guardSkew, @Nullable String forceReason) {
        return observed(trigger, selfIds, guardSkew, forceReason, true)
            .orElseThrow(() -> new IllegalStateException("A run that waits for the lock cannot be skipped"));
    }

    /**
     * One pass of background reconciliation: like {@link #run} with {@link Trigger#SCHEDULED}, but when
     * another instance holds the migration lock it does not wait; the pass is skipped and the next one
     * tries again. Waiting would tie up the reconciler behind another pod's long backfill and end in a
     * lock wait timeout that looks like a failure, when that pod is doing exactly the work at hand.
     * @return what was applied, or empty when the lock was busy
     */
    public Optional<MigrateResult> reconcilePass(Set<String> selfIds) {
        return observed(Trigger.SCHEDULED, selfIds, false, null, false);
    }

    private Optional<MigrateResult> observed(Trigger trigger, Set<String> selfIds, boolean guardSkew,
            @Nullable String forceReason, boolean waitForLock) {
        RunTrigger event = event(trigger);
        this.listeners.runStarted(event);
        long start = System.nanoTime();
        try {
            Optional<MigrateResult> result = execute(trigger, selfIds, guardSkew, forceReason, waitForLock);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (result.isPresent()) {
                this.listeners.runSucceeded(event, result.get(), took);
            }
            else {
                this.listeners.runSkipped(event, "another instance holds the migration lock", took);
            }
            return result;
        }
        catch (RuntimeException ex) {
            // Every started run ends with one event, or listeners (observations) would stay open on this thread.
            TidemarkException error = (ex instanceof TidemarkException tidemark) ? tidemark
                    : new TidemarkException(ErrorCode.DATABASE_ERROR, "The run failed unexpectedly: " + ex, ex);
            this.listeners.runFailed(event, error, Duration.ofNanos(System.nanoTime() - start));
            throw ex;
        }
    }

    @SuppressWarnings("try") // the idle timeouts are a resource only to be put back at the end
    private Optional<MigrateResult> execute(Trigger trigger, Set<String> selfIds, boolean guardSkew,
            @Nullable String forceReason, boolean waitForLock) {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect(); IdleTimeouts idle = IdleTimeouts.disable(connection)) {
            Tables tables = tables(connection);
            List<AppliedMigration> rows = history(connection, tables);
            if (guardSkew) {
                SkewGuard.check(rows, this.configuration.codeVersion());
            }
            // Validate and plan before waiting for the lock: a broken file should fail fast, and most runs have nothing to do.
            PhasePlan plan = plan(connection, tables, resolved, rows, selfIds, trigger, forceReason);
            if (trigger == Trigger.STARTUP || !plan.steps().isEmpty()) {
                // Before anything is applied, and at every start even when the pending work is deferred.
                lintPending(connection, resolved, rows);
            }
            if (plan.steps().isEmpty()) {
                if (trigger == Trigger.SCHEDULED) {
                    logger.debug("Nothing to apply now\n{}", plan.plan().describe());
                }
                else {
                    logger.info("Nothing to apply now\n{}", plan.plan().describe());
                }
                return Optional.of(new MigrateResult(List.of(), plan.plan().deferred()));
            }
            Optional<AdvisoryLock.Held> acquired = waitForLock ? Optional.of(lock(tables.history()))
                    : tryLock(tables.history());
            if (acquired.isEmpty()) {
                return Optional.empty();
            }
            try (AdvisoryLock.Held lock = acquired.get()) {
                tables.history().createOrUpgrade(connection);
                rows = new RunningMigrations(tables.history(), this.configuration.migrationLock())
                    .awaitFinished(connection);
                if (guardSkew) {
                    SkewGuard.check(rows, this.configuration.codeVersion());
                }
                plan = plan(connection, tables, resolved, rows, selfIds, trigger, forceReason);
                logger.info("{}", plan.plan().describe());
                Applied applied = new Applied();
                try {
                    apply(connection, tables, plan, lock, selfIds, applied);
                }
                finally {
                    applied.after = recount(connection, tables, resolved, selfIds, trigger, forceReason);
                }
                return Optional.of(applied.result(plan));
            }
        }
        catch (SQLException ex) {
            throw databaseError("Migration failed on a database error", ex);
        }
    }

    /** Lints the migrations not applied yet against the database's catalog, without changing anything. */
    public LintReport lint() {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect()) {
            Tables tables = tables(connection);
            return LintRunner.lintPending(connection, resolved, appliedVersions(history(connection, tables)),
                    this.configuration.lint());
        }
        catch (SQLException ex) {
            throw databaseError("Could not read the catalog and the history to lint the pending migrations", ex);
        }
    }

    /** Runs the migrations not applied yet, each in a transaction that is rolled back, and records what they lock. */
    public LockTrace trace() {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect()) {
            Set<Version> applied = appliedVersions(history(connection, tables(connection)));
            return new LockTrace(new LockTracer(connection).trace(resolved.stream()
                .filter((migration) -> !applied.contains(migration.version()) && migration.java() == null)
                .map(LintScript::of).toList()));
        }
        catch (SQLException ex) {
            throw databaseError("Could not trace the pending migrations", ex);
        }
    }

    /**
     * Lints the pending migrations as the lint mode says: an error stops the run in FAIL mode, every other finding
     * is logged. Reads the catalog only when some migration is not applied.
     */
    private void lintPending(Connection connection, List<ResolvedMigration> resolved, List<AppliedMigration> rows)
            throws SQLException {
        LintSettings settings = this.configuration.lint();
        Set<Version> applied = appliedVersions(rows);
        if (settings.mode() == LintMode.OFF
                || resolved.stream().allMatch((migration) -> applied.contains(migration.version()))) {
            return;
        }
        LintReport report = LintRunner.lintPending(connection, resolved, applied, settings);
        if (settings.mode() == LintMode.FAIL && report.hasErrors()) {
            throw new LintFailedException(report);
        }
        if (!report.findings().isEmpty()) {
            logger.warn("{}", report.describe());
        }
    }

    private static Set<Version> appliedVersions(List<AppliedMigration> rows) {
        return rows.stream().filter(AppliedMigration::success).map(AppliedMigration::version).collect(Collectors.toSet());
    }

    /** Plans without changing anything, as the background reconciliation would (dry run). */
    public PhasePlan plan(Set<String> selfIds) {
        List<ResolvedMigration> resolved = resolve();
        try (Connection connection = connect()) {
            Tables tables = tables(connection);
            return plan(connection, tables, resolved, history(connection, tables), selfIds, Trigger.SCHEDULED, null);
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
            return fleet(connection, tables(connection), Set.of()).live();
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
                this.configuration.fleet().host(), this.configuration.fleet().heartbeatInterval(),
                this.configuration.fleet().evidenceRetention(), onClose);
    }

    private void apply(Connection connection, Tables tables, PhasePlan plan, AdvisoryLock.Held lock, Set<String> selfIds,
            Applied applied) {
        // The last fleet check of a gated step, under the lock, after its running row is visible.
        StepGate gate = (step) -> this.planner.recheck(step, fleet(connection, tables, selfIds));
        HistoryTable.Attribution by = new HistoryTable.Attribution(this.configuration.fleet().host(),
                this.configuration.codeVersion().toString());
        PlanStep heldBack = null;
        try (MigrationExecutor executor = new MigrationExecutor(tables.history(), by, this.configuration.lockSafety(),
                this.configuration.dataSource(), this.listeners, lock::verify)) {
            for (PlanStep step : plan.steps()) {
                MigrationInfo info = step.planned().migration();
                if (heldBack != null && step.gated()) {
                    applied.deferred.put(info.version(), "waits for " + heldBack.label() + ", which comes first");
                    continue;
                }
                this.listeners.migrationStarted(info);
                long start = System.nanoTime();
                try {
                    StepResult result = executor.apply(connection, step, gate);
                    if (result instanceof StepResult.Deferred deferred) {
                        logger.info("{} waits after all: {}", step.label(), deferred.reason());
                        this.listeners.migrationDeferred(info, deferred.reason());
                        applied.deferred.put(info.version(), deferred.reason());
                        heldBack = step;
                    }
                    else if (result instanceof StepResult.Applied done) {
                        logger.info("Applied {} ({}) in {} ms{}{}", step.label(), step.migration().script(),
                                done.took().toMillis(), (done.attempts() > 1) ? " (" + done.attempts() + " attempts)" : "",
                                (step.planned().note() != null) ? "; " + step.planned().note() : "");
                        this.listeners.migrationSucceeded(info, done.took(), done.attempts());
                        applied.versions.add(info.version());
                    }
                }
                catch (TidemarkException ex) {
                    this.listeners.migrationFailed(info, Duration.ofNanos(System.nanoTime() - start), ex);
                    throw ex;
                }
            }
        }
        logger.info("Applied {} migration(s); {} deferred (history {})", applied.versions.size(),
                plan.plan().deferred().size() + applied.deferred.size(), tables.history().qualifiedName());
    }

    /**
     * Plans once more after applying, so that listeners (the pending, deferred and failed gauges) see the
     * state the run left behind and the result describes what it applied as the history now shows it; a
     * failure here must not hide the run's own outcome.
     */
    private @Nullable PhasePlan recount(Connection connection, Tables tables, List<ResolvedMigration> resolved,
            Set<String> selfIds, Trigger trigger, @Nullable String forceReason) {
        try {
            return plan(connection, tables, resolved, history(connection, tables), selfIds, trigger, forceReason);
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Could not recount the migrations after the run", ex);
            return null;
        }
    }

    private PhasePlan plan(Connection connection, Tables tables, List<ResolvedMigration> resolved,
            List<AppliedMigration> rows, Set<String> selfIds, Trigger trigger, @Nullable String forceReason)
            throws SQLException {
        MigrationCatalog catalog = new MigrationCatalog(resolved, rows);
        catalog.validate(locationsText(), this.configuration.codeVersion());
        PhasePlan plan = this.planner.plan(catalog, fleet(connection, tables, selfIds), trigger, forceReason);
        int failed = (int) plan.infos().stream()
            .filter((info) -> info.state() == MigrationState.FAILED || info.state() == MigrationState.INTERRUPTED)
            .count();
        this.listeners.migrationsCounted(plan.steps().size(), plan.plan().deferred().size(), failed);
        return plan;
    }

    /** The history, with the running rows of sessions that are gone marked interrupted. */
    private static List<AppliedMigration> history(Connection connection, Tables tables) throws SQLException {
        return tables.history().markInterrupted(connection, tables.history().readAll(connection));
    }

    /** What the registry says: live instances and, as evidence that the fleet registers, departed others. */
    private FleetSnapshot fleet(Connection connection, Tables tables, Set<String> selfIds) throws SQLException {
        return FleetSnapshot.of(tables.instances().readAll(connection), selfIds,
                this.configuration.fleet().instanceStaleTimeout());
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

    /** Takes the migration lock only if it is free right now; logs who holds it otherwise. */
    private Optional<AdvisoryLock.Held> tryLock(HistoryTable history) {
        AdvisoryLock lock = new AdvisoryLock(this.configuration.dataSource(), history.qualifiedName());
        Optional<AdvisoryLock.Held> held = lock.tryAcquire();
        if (held.isEmpty() && logger.isDebugEnabled()) {
            logger.debug("Skipping this reconciliation: the migration lock on {} is held by {}; the next pass tries again",
                    history.qualifiedName(), lock.holder().map(LockHolder::describe).orElse("a session that just released it"));
        }
        return held;
    }

    private static RunTrigger event(Trigger trigger) {
        return switch (trigger) {
            case STARTUP -> RunTrigger.STARTUP;
            case SCHEDULED -> RunTrigger.RECONCILE;
            case REQUESTED -> RunTrigger.REQUEST;
            case FORCED -> RunTrigger.FORCED;
        };
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
        Connection connection;
        try {
            connection = this.configuration.dataSource().getConnection();
        }
        catch (SQLException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "Could not connect to the database to migrate: "
                    + ex.getMessage() + " (SQL state " + ex.getSQLState() + "). Check that PostgreSQL is running and "
                    + "that the URL, user and password are right", ex);
        }
        try {
            // A pool may hand out connections with autocommit off; an idle open transaction would make
            // CREATE INDEX CONCURRENTLY of another instance wait for it.
            connection.setAutoCommit(true);
            if (!this.serverChecked) {
                ServerVersion.check(connection);
                this.serverChecked = true;
            }
            return connection;
        }
        catch (SQLException | RuntimeException ex) {
            try {
                connection.close();
            }
            catch (SQLException closing) {
                ex.addSuppressed(closing);
            }
            if (ex instanceof SQLException sql) {
                throw databaseError("Could not prepare the connection to migrate", sql);
            }
            throw (RuntimeException) ex;
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

    /** What a run applied and what it found must wait after all, and the plan it left behind. */
    private static final class Applied {

        private final List<Version> versions = new ArrayList<>();

        private final Map<Version, String> deferred = new LinkedHashMap<>();

        private @Nullable PhasePlan after;

        /** The result, describing the applied migrations as the history shows them now, where it could be read. */
        MigrateResult result(PhasePlan plan) {
            Map<Version, MigrationInfo> now = new LinkedHashMap<>();
            (this.after != null ? this.after : plan).infos().forEach((info) -> now.put(info.version(), info));
            List<MigrationInfo> applied = this.versions.stream().map(now::get).toList();
            List<MigrationInfo> waiting = new ArrayList<>(plan.plan().deferred());
            this.deferred.forEach((version, reason) -> waiting.add(plan.catalog().describe(
                    plan.catalog().resolved().stream().filter((m) -> m.version().equals(version)).findFirst().orElseThrow(),
                    reason)));
            return new MigrateResult(applied, waiting);
        }

    }

}
