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
import dev.tidemark.migration.FleetSettings;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationPlan;
import dev.tidemark.migration.PlannedMigration;
import dev.tidemark.migration.PlannedStatement;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.fleet.FleetSnapshot;
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
 *   <li>MIGRATE and CONTRACT of release R (&lt;= this code) are <em>gated</em> by the fleet: see
 *       {@link FleetGate} for when the registry proves that no older code runs.</li>
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

    private final FleetGate gate;

    /**
     * Creates a planner that lets the registry decide, with the default settle delay and retention.
     * @param codeVersion the version of the code this instance runs
     * @param mode whether scheduled reconciliation applies gated work
     */
    public PhasePlanner(Version codeVersion, ContractMode mode) {
        this(codeVersion, mode, FleetSettings.DEFAULTS);
    }

    /**
     * Creates a planner.
     * @param codeVersion the version of the code this instance runs
     * @param mode whether scheduled reconciliation applies gated work
     * @param fleet what the deployment says about its fleet, its settle delay and evidence retention
     */
    public PhasePlanner(Version codeVersion, ContractMode mode, FleetSettings fleet) {
        this.codeVersion = codeVersion;
        this.mode = mode;
        this.gate = new FleetGate(codeVersion, fleet.expected(), fleet.settleDelay(), fleet.evidenceRetention());
    }

    /**
     * Plans one run.
     * @param catalog the migrations joined with the history
     * @param fleet what the registry says: live instances, the planning instance's ids, departed others
     * @param trigger what asks for the plan
     * @param forceReason with {@link Trigger#FORCED}: why the fleet gate is overridden, recorded with each
     *        migration it lets through; otherwise {@code null}
     */
    public PhasePlan plan(MigrationCatalog catalog, FleetSnapshot fleet, Trigger trigger, @Nullable String forceReason) {
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
            FleetGate.Decision gate = this.gate.decide(migration.release(), fleet);
            if (trigger == Trigger.FORCED) {
                chosen.add(new Chosen(migration, true, !gate.allowed(),
                        gate.allowed() ? null : "forced past the fleet gate: " + forceReason));
            }
            else if (!gate.allowed()) {
                reasons.put(migration.version(), gate.why());
                heldBy = migration;
            }
            else if (trigger == Trigger.STARTUP) {
                reasons.put(migration.version(), "ready (" + gate.why() + "); " + migration.phase().label()
                        + " migrations are applied in the background after startup, never before the application serves");
            }
            else if (trigger == Trigger.SCHEDULED && this.mode == ContractMode.MANUAL) {
                reasons.put(migration.version(), "ready (" + gate.why()
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
        MigrationPlan plan = new MigrationPlan(this.codeVersion, fleet.live(),
                steps.stream().map(PlanStep::planned).toList(), deferredInfos);
        return new PhasePlan(plan, catalog, steps, infos);
    }

    /**
     * Checks a gated step against the fleet once more, right before it starts under the migration lock: an
     * instance of older code may have registered since the plan was made.
     * @return why it must wait now, or {@code null} when it may run
     */
    public @Nullable String recheck(PlanStep step, FleetSnapshot fleet) {
        if (!step.gated() || step.overridesFleetGate()) {
            return null;
        }
        FleetGate.Decision gate = this.gate.decide(step.migration().release(), fleet);
        return gate.allowed() ? null : gate.why();
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
