package dev.tidemark.migration.internal.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.ContractMode;
import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationPlan;
import dev.tidemark.migration.PlannedMigration;
import dev.tidemark.migration.PlannedStatement;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.LockClassifier;
import dev.tidemark.migration.internal.state.MigrationCatalog;

/**
 * The phase rules, as a pure function of the migrations, the history, this code's version and the live
 * fleet. No JDBC, no clock: the same input always gives the same plan.
 * <p>
 * Rules, for every migration not applied yet, in version order:
 * <ul>
 *   <li>A migration of a release newer than this code waits ("needs code &gt;= R"), whatever its phase:
 *       this code cannot know that it is safe.</li>
 *   <li>EXPAND of a release &lt;= this code applies at once, on every trigger. Nothing deferred ever holds
 *       an EXPAND back.</li>
 *   <li>MIGRATE and CONTRACT of release R (&lt;= this code) are <em>gated</em>. When the registry holds
 *       data for the fleet, they apply once every live instance runs &gt;= R. When it holds none, only
 *       code strictly newer than R applies them.</li>
 *   <li>The registry "holds data for the fleet" when at least one live instance <em>other than the
 *       planning one</em> is registered. The planning instance's own row proves nothing about the rest of
 *       the fleet: a lone 2.0.0 instance must not contract while 1.x instances that predate the registry
 *       (or do not register) may still run. Once other instances are registered the registry is in use
 *       by the fleet, and since every Tidemark instance registers, an older instance would be in it.</li>
 *   <li>Gated migrations keep their version order among themselves: one that waits holds back the later
 *       MIGRATE and CONTRACT migrations (a CONTRACT often relies on an earlier MIGRATE's backfill).</li>
 *   <li>At {@link Trigger#STARTUP}, and on a {@link Trigger#SCHEDULED} tick in {@link ContractMode#MANUAL}
 *       mode, gated migrations wait even when allowed; {@link Trigger#FORCED} applies them regardless of
 *       the fleet.</li>
 * </ul>
 * Thread-safe (immutable).
 */
public final class PhasePlanner {

    private final Version codeVersion;

    private final ContractMode mode;

    /**
     * Creates a planner.
     * @param codeVersion the version of the code this instance runs
     * @param mode whether scheduled reconciliation applies gated work
     */
    public PhasePlanner(Version codeVersion, ContractMode mode) {
        this.codeVersion = codeVersion;
        this.mode = mode;
    }

    /**
     * Plans one run.
     * @param catalog the migrations joined with the history
     * @param liveFleet the live instances of the registry (heartbeat within the stale timeout), possibly empty
     * @param selfIds the registry ids of the planning instance itself, empty when it is not registered
     * @param trigger what asks for the plan
     * @param forceReason with {@link Trigger#FORCED}: why the fleet gate is overridden, recorded with each
     *        migration it lets through; otherwise {@code null}
     */
    public PhasePlan plan(MigrationCatalog catalog, List<FleetInstance> liveFleet, Set<String> selfIds, Trigger trigger,
            @Nullable String forceReason) {
        boolean fleetData = hasFleetData(liveFleet, selfIds);
        List<Chosen> chosen = new ArrayList<>();
        Map<Version, String> reasons = new LinkedHashMap<>();
        ResolvedMigration heldBy = null;
        for (ResolvedMigration migration : catalog.unapplied()) {
            boolean gated = migration.phase() != Phase.EXPAND;
            if (migration.release().compareTo(this.codeVersion) > 0) {
                reasons.put(migration.version(), "needs code >= " + migration.release() + "; this instance runs "
                        + this.codeVersion);
                heldBy = (gated && heldBy == null) ? migration : heldBy;
                continue;
            }
            if (!gated) {
                chosen.add(new Chosen(migration, false, false, null));
                continue;
            }
            if (heldBy != null) {
                reasons.put(migration.version(), "waits for " + heldBy.label() + ", which comes first");
                continue;
            }
            String gate = fleetGate(migration.release(), liveFleet, fleetData);
            if (trigger == Trigger.FORCED) {
                chosen.add(new Chosen(migration, true, gate != null,
                        (gate != null) ? "forced past the fleet gate: " + forceReason : null));
            }
            else if (gate != null) {
                reasons.put(migration.version(), gate);
                heldBy = migration;
            }
            else if (trigger == Trigger.STARTUP) {
                reasons.put(migration.version(), "ready (" + allowance(migration.release(), fleetData)
                        + "); " + migration.phase().label() + " migrations are applied in the background after startup, "
                        + "never before the application serves");
            }
            else if (trigger == Trigger.SCHEDULED && this.mode == ContractMode.MANUAL) {
                reasons.put(migration.version(), "ready (" + allowance(migration.release(), fleetData)
                        + "); contract mode is manual, so it waits for an explicit request to apply deferred work");
            }
            else {
                chosen.add(new Chosen(migration, true, false, null));
            }
        }
        List<MigrationInfo> infos = catalog.describe(reasons);
        Map<Version, MigrationInfo> byVersion = infos.stream()
            .collect(Collectors.toMap(MigrationInfo::version, Function.identity(), (a, b) -> a));
        List<PlanStep> steps = chosen.stream()
            .map((choice) -> choice.step(catalog, Objects.requireNonNull(byVersion.get(choice.migration().version()))))
            .toList();
        List<MigrationInfo> deferredInfos = reasons.keySet().stream().map(byVersion::get).toList();
        MigrationPlan plan = new MigrationPlan(this.codeVersion, liveFleet,
                steps.stream().map(PlanStep::planned).toList(), deferredInfos);
        return new PhasePlan(plan, catalog, steps, infos);
    }

    /**
     * Checks a gated step against the fleet once more, right before it starts under the migration lock: an
     * instance of older code may have registered since the plan was made.
     * @return why it must wait now, or {@code null} when it may run
     */
    public @Nullable String recheck(PlanStep step, List<FleetInstance> liveFleet, Set<String> selfIds) {
        if (!step.gated() || step.overridesFleetGate()) {
            return null;
        }
        return fleetGate(step.migration().release(), liveFleet, hasFleetData(liveFleet, selfIds));
    }

    private static boolean hasFleetData(List<FleetInstance> liveFleet, Set<String> selfIds) {
        return liveFleet.stream().anyMatch((instance) -> !selfIds.contains(instance.id()));
    }

    /** Why a gated migration of the release waits, or {@code null} when the fleet allows it. */
    private @Nullable String fleetGate(Version release, List<FleetInstance> liveFleet, boolean fleetData) {
        if (!fleetData) {
            if (this.codeVersion.compareTo(release) > 0) {
                return null;
            }
            return "waiting for code newer than " + release + ": no other live instance is registered in the fleet "
                    + "registry, so instances running older code cannot be ruled out (this instance runs "
                    + this.codeVersion + ")";
        }
        List<FleetInstance> below = liveFleet.stream()
            .filter((instance) -> instance.codeVersion().compareTo(release) < 0)
            .toList();
        if (below.isEmpty()) {
            return null;
        }
        return "waiting until every instance runs >= " + release + "; still live below it: " + describe(below);
    }

    private String allowance(Version release, boolean fleetData) {
        return fleetData ? "every live instance runs >= " + release
                : "no other instance is registered and this code is newer than " + release;
    }

    /** Lists instances as {@code host-a (2.3.1, heartbeat 4 s ago)}, adding the id where hosts repeat. */
    static String describe(List<FleetInstance> instances) {
        Map<String, Long> perHost = instances.stream()
            .collect(Collectors.groupingBy(FleetInstance::host, Collectors.counting()));
        return instances.stream()
            .map((instance) -> instance.host()
                    + ((perHost.getOrDefault(instance.host(), 0L) > 1) ? " [" + shortId(instance.id()) + "]" : "")
                    + " (" + instance.codeVersion() + ", heartbeat " + instance.heartbeatAge().toSeconds() + " s ago)")
            .collect(Collectors.joining(", "));
    }

    private static String shortId(String id) {
        return (id.length() > 8) ? id.substring(0, 8) : id;
    }

    /** A migration the plan applies, before its description (which needs every deferral) is known. */
    private record Chosen(ResolvedMigration migration, boolean gated, boolean overridesFleetGate, @Nullable String note) {

        PlanStep step(MigrationCatalog catalog, MigrationInfo info) {
            AppliedMigration previous = catalog.unfinished(this.migration.version()).orElse(null);
            List<PlannedStatement> statements = this.migration.statements().stream()
                .map((statement) -> new PlannedStatement(statement.line(), statement.sql(),
                        LockClassifier.levelOf(statement)))
                .toList();
            PlannedMigration planned = new PlannedMigration(info, this.migration.transactional(), statements,
                    ResumePoint.of(this.migration, previous), this.note);
            return new PlanStep(planned, this.migration, previous, this.gated, this.overridesFleetGate);
        }

    }

}
