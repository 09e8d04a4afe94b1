package dev.tidemark.migration;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.internal.event.Listeners;
import dev.tidemark.migration.internal.fleet.HeartbeatRegistration;
import dev.tidemark.migration.internal.plan.Trigger;
import dev.tidemark.migration.internal.run.MigrationRun;
import dev.tidemark.migration.internal.run.ScheduledReconciler;

/**
 * Tidemark's entry point: applies, plans, describes and validates the migrations of one database, by
 * the phase rules (README, "Phases and releases").
 * <pre>
 * TidemarkConfiguration configuration = TidemarkConfiguration.builder()
 *     .dataSource(dataSource)
 *     .codeVersion("2.4.0")
 *     .build();
 * Tidemark tidemark = new Tidemark(configuration);
 * tidemark.expand();                                  // before serving: EXPAND migrations only
 * FleetRegistration registration = tidemark.register(); // heartbeat in the fleet registry
 * Reconciler reconciler = tidemark.startReconciler();  // MIGRATE and CONTRACT once the fleet allows them
 * ...
 * reconciler.close();
 * registration.close();
 * </pre>
 * One {@code Tidemark} object stands for one application instance: the registrations it made are
 * "itself" when it plans (see {@link #plan()}). Thread-safe: instances in one or many JVMs coordinate
 * through a PostgreSQL advisory lock.
 */
public final class Tidemark {

    private final TidemarkConfiguration configuration;

    private final MigrationRun run;

    private final Set<String> registrations = ConcurrentHashMap.newKeySet();

    /** Creates the facade over a validated configuration. */
    public Tidemark(TidemarkConfiguration configuration) {
        this.configuration = configuration;
        this.run = new MigrationRun(configuration, new Listeners(configuration.listeners()));
    }

    /** The configuration this instance runs with. */
    public TidemarkConfiguration configuration() {
        return this.configuration;
    }

    /**
     * Refuses to run when the schema is ahead of this code ({@link VersionSkewException}), then applies
     * everything the phase rules allow now, every phase, in version order, while holding the migration
     * lock. For tests, tools and single-step deployments; an application uses {@link #expand()} at startup
     * and {@link #startReconciler()}.
     * @return what was applied and what waits
     * @throws TidemarkException (a subclass naming the file and line) when validation or a migration fails
     */
    public MigrateResult migrate() {
        return this.run.run(Trigger.REQUESTED, selfIds(), true, null);
    }

    /**
     * The startup step: refuses to start when the schema is ahead of this code ({@link VersionSkewException},
     * checked before anything is applied), then applies the EXPAND migrations of releases up to this code
     * version. MIGRATE and CONTRACT work is left to {@link #reconcile()}; the result lists it as deferred.
     * Call {@link #register()} first: a CONTRACT of a newer release checks the fleet right before it starts
     * and writes a running row first, so an instance that registered and then expands either holds the
     * CONTRACT back or sees it and refuses.
     * @throws VersionSkewException when a CONTRACT migration of a release newer than this code was applied or has begun
     */
    public MigrateResult expand() {
        return this.run.run(Trigger.STARTUP, selfIds(), true, null);
    }

    /**
     * Re-reads the history and the live fleet under the migration lock and applies everything the phase
     * rules allow now, including deferred MIGRATE and CONTRACT migrations whose fleet condition became
     * true. Applies whatever the contract mode: calling it is an explicit request.
     */
    public MigrateResult reconcile() {
        return this.run.run(Trigger.REQUESTED, selfIds(), false, null);
    }

    /**
     * Applies deferred work on request (manual mode, the Actuator write operation). Without a reason it is
     * {@link #reconcile()}: the gating rules hold. With a reason every deferred MIGRATE and CONTRACT
     * migration whose release this code version has reached is applied whatever the fleet runs, and
     * {@code "forced past the fleet gate: <reason>"} is recorded in the history note of each one the rules
     * would have deferred. Migrations of releases newer than this code are never applied: this code
     * cannot know that they are safe.
     * @param forceReason why the fleet gate is overridden, or {@code null} to respect it
     * @throws IllegalArgumentException when the reason is blank
     */
    public MigrateResult applyDeferred(@Nullable String forceReason) {
        if (forceReason == null) {
            return reconcile();
        }
        if (forceReason.isBlank()) {
            throw new IllegalArgumentException("A forced application needs a reason for the history; pass null to "
                    + "respect the gating rules instead");
        }
        return this.run.run(Trigger.FORCED, selfIds(), false, forceReason.trim());
    }

    /**
     * Plans without changing anything (a dry run): what the background reconciliation would apply now and
     * what waits, and why, given this code version and the fleet registry. This object's own registrations
     * prove nothing about the rest of the fleet: MIGRATE and CONTRACT of this code's own release need
     * evidence that no older code runs unregistered (another instance's row, live or departed within the
     * evidence retention, or a declared single instance that has settled); otherwise they wait for newer code.
     */
    public MigrationPlan plan() {
        return this.run.plan(selfIds()).plan();
    }

    /**
     * Describes every migration, applied or not — phase, release and state, with the reason of each
     * deferred one and the progress of each running, interrupted or failed one — without taking the lock
     * or changing anything. A missing registry table reads as an empty fleet.
     * @throws InvalidMigrationException when a file cannot be read
     * @throws ChecksumMismatchException when an applied file was edited
     * @throws MissingMigrationException when an applied file of a release this code knows is gone
     * @throws TidemarkException with {@link ErrorCode#DATABASE_ERROR} when the database cannot be read, or
     *         {@link ErrorCode#UNSUPPORTED_DATABASE} when it is older than PostgreSQL 14
     */
    public List<MigrationInfo> info() {
        return this.run.plan(selfIds()).infos();
    }

    /**
     * Checks the files and the history without changing anything: names, directives and SQL of every
     * file, duplicate versions, and that applied migrations are unchanged and present (an applied
     * migration of a release newer than this code may be absent: it belongs to a newer deployment).
     * @throws TidemarkException (a subclass naming the file) at the first problem
     */
    public void validate() {
        this.run.validate();
    }

    /** The live instances of the fleet registry (heartbeat younger than the stale timeout), oldest first. */
    public List<FleetInstance> fleet() {
        return this.run.fleet();
    }

    /**
     * Registers this instance in the fleet registry (creating the table if needed) and heartbeats on a
     * daemon thread until the registration is closed. Heartbeat failures are logged, never thrown.
     * @throws TidemarkException when the registry cannot be written at all
     */
    public FleetRegistration register() {
        HeartbeatRegistration[] registration = new HeartbeatRegistration[1];
        registration[0] = this.run.register(() -> this.registrations.remove(registration[0].instanceId()));
        this.registrations.add(registration[0].instanceId());
        return registration[0];
    }

    /**
     * Starts background reconciliation on the configured interval, on a daemon thread: in
     * {@link ContractMode#AUTOMATIC} mode each tick is a {@link #reconcile()}; in {@link ContractMode#MANUAL}
     * mode it only re-plans, logs when deferred work changes, and applies nothing. Failures are logged and
     * kept in {@link Reconciler#lastFailure()}; the schedule carries on. Close the handle to stop it.
     */
    public Reconciler startReconciler() {
        return new ScheduledReconciler(() -> this.run.reconcilePass(selfIds()), this::plan,
                this.configuration.fleet().contractMode(), this.configuration.fleet().reconcileInterval());
    }

    private Set<String> selfIds() {
        return Set.copyOf(this.registrations);
    }

}
