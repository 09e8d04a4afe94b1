package dev.tidemark.autoconfigure.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.context.ApplicationContext;

import dev.tidemark.autoconfigure.TidemarkFleetLifecycle;
import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.MigrateResult;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationPlan;
import dev.tidemark.migration.PlannedMigration;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.Version;

/**
 * {@link Endpoint @Endpoint} {@code tidemark}: every migration with its phase, release, state and
 * deferral reason, the live fleet and the current plan, for each {@link Tidemark} bean of the context
 * hierarchy, shaped like {@code /actuator/flyway}. Its write operation applies deferred work now; it
 * is reachable only when {@code management.endpoint.tidemark.access=unrestricted}, because the default
 * access is read-only.
 */
@Endpoint(id = "tidemark", defaultAccess = Access.READ_ONLY)
public class TidemarkEndpoint {

    private final ApplicationContext context;

    /**
     * Creates the endpoint.
     * @param context the context whose hierarchy is described
     */
    public TidemarkEndpoint(ApplicationContext context) {
        this.context = context;
    }

    /** Describes the Tidemark beans of this context and its ancestors. */
    @ReadOperation
    public TidemarkBeansDescriptor tidemarkBeans() {
        Map<@Nullable String, ContextTidemarkBeansDescriptor> contexts = new LinkedHashMap<>();
        ApplicationContext target = this.context;
        while (target != null) {
            TidemarkFleetLifecycle fleet = target.getBeanProvider(TidemarkFleetLifecycle.class).getIfUnique();
            Map<String, TidemarkDescriptor> beans = new LinkedHashMap<>();
            target.getBeansOfType(Tidemark.class).forEach((name, tidemark) -> beans.put(name, describe(tidemark, fleet)));
            ApplicationContext parent = target.getParent();
            contexts.put(target.getId(), new ContextTidemarkBeansDescriptor(beans, (parent != null) ? parent.getId() : null));
            target = parent;
        }
        return new TidemarkBeansDescriptor(contexts);
    }

    /**
     * Applies deferred MIGRATE and CONTRACT work of this context's Tidemark beans now. Without
     * {@code force} the gating rules still hold, so only what the fleet allows is applied; with
     * {@code force=true} and a {@code reason}, every deferred migration is applied regardless of the fleet
     * and the reason is recorded in the history.
     * @param force whether to override the gating rules
     * @param reason why they are overridden; required with {@code force=true}
     * @return what each bean applied and what still waits
     */
    @WriteOperation
    public Map<String, ApplyDeferredDescriptor> applyDeferred(@Nullable Boolean force, @Nullable String reason) {
        String invalid = invalidRequest(force, reason);
        if (invalid != null) {
            throw new InvalidEndpointRequestException(invalid, invalid);
        }
        boolean forced = Boolean.TRUE.equals(force);
        Map<String, ApplyDeferredDescriptor> results = new LinkedHashMap<>();
        this.context.getBeansOfType(Tidemark.class).forEach((name, tidemark) -> {
            MigrateResult result = tidemark.applyDeferred(forced ? reason : null);
            // The run reports what it planned (PENDING, no install data): describe the applied ones as the
            // history now has them, with who applied them, when and how long it took.
            Map<Version, MigrationInfo> now = result.applied().isEmpty() ? Map.of() : tidemark.info()
                .stream()
                .collect(Collectors.toMap(MigrationInfo::version, Function.identity(), (a, b) -> a));
            results.put(name, new ApplyDeferredDescriptor(forced, forced ? reason : null,
                    result.applied().stream().map((info) -> now.getOrDefault(info.version(), info))
                        .map(MigrationDescriptor::new).toList(),
                    result.deferred().stream().map(MigrationDescriptor::new).toList()));
        });
        return results;
    }

    /** Why a request to apply deferred work is malformed, or {@code null} when it is fine. */
    static @Nullable String invalidRequest(@Nullable Boolean force, @Nullable String reason) {
        boolean forced = Boolean.TRUE.equals(force);
        boolean hasReason = reason != null && !reason.isBlank();
        if (forced && !hasReason) {
            return "force=true requires a reason: overriding the gating rules is recorded in the history with "
                    + "its reason, so pass {\"force\": true, \"reason\": \"<why>\"}";
        }
        if (!forced && hasReason) {
            return "reason is only used with force=true: a reason is recorded only when the gating rules are "
                    + "overridden, so add \"force\": true, or drop the reason";
        }
        return null;
    }

    private static TidemarkDescriptor describe(Tidemark tidemark, @Nullable TidemarkFleetLifecycle fleet) {
        List<MigrationDescriptor> migrations = tidemark.info().stream().map(MigrationDescriptor::new).toList();
        // The plan was made against the live fleet, so it carries it: no second read of the registry.
        MigrationPlan current = tidemark.plan();
        List<FleetInstanceDescriptor> instances = current.fleet().stream().map(FleetInstanceDescriptor::new).toList();
        return new TidemarkDescriptor(tidemark.configuration().codeVersion().toString(),
                tidemark.configuration().fleet().contractMode().name(), migrations, instances, new PlanDescriptor(current),
                (fleet != null) ? new BackgroundDescriptor(fleet) : null);
    }

    private static @Nullable String message(@Nullable Throwable failure) {
        return (failure != null) ? failure.getClass().getSimpleName() + ": " + failure.getMessage() : null;
    }

    /**
     * Description of an application's Tidemark beans, by context id.
     * @param contexts the contexts of the hierarchy
     */
    public record TidemarkBeansDescriptor(Map<@Nullable String, ContextTidemarkBeansDescriptor> contexts)
            implements OperationResponseBody {
    }

    /**
     * Description of one application context's Tidemark beans.
     * @param tidemarkBeans the beans by name
     * @param parentId the id of the parent context, if any
     */
    public record ContextTidemarkBeansDescriptor(Map<String, TidemarkDescriptor> tidemarkBeans,
            @Nullable String parentId) {
    }

    /**
     * Description of one Tidemark bean.
     * @param codeVersion the code version this instance runs
     * @param contractMode whether deferred work is applied automatically or on request
     * @param migrations every known migration, in version order
     * @param fleet the live instances of the fleet registry
     * @param plan what a run would apply now and what waits
     * @param background this instance's fleet registration and reconciler, when Spring manages them
     */
    public record TidemarkDescriptor(String codeVersion, String contractMode, List<MigrationDescriptor> migrations,
            List<FleetInstanceDescriptor> fleet, PlanDescriptor plan, @Nullable BackgroundDescriptor background) {
    }

    /**
     * Description of one migration, with the fields of {@code /actuator/flyway} plus the phase ones.
     * @param version the version
     * @param description the description
     * @param phase EXPAND, MIGRATE or CONTRACT
     * @param release the code version that introduces it
     * @param state PENDING, DEFERRED, APPLIED, FAILED, RUNNING, INTERRUPTED or MISSING
     * @param deferralReason why it waits, when DEFERRED
     * @param progress how far a running, interrupted or failed migration got, and who ran it
     * @param script the file or Java class
     * @param checksum the checksum
     * @param installedBy the database user that applied it
     * @param installedOn when it was applied
     * @param installedByHost the host of the instance that applied it
     * @param installedByCodeVersion the code version of the instance that applied it
     * @param executionTime how long it ran, in milliseconds
     * @param installedRank the order in which it was applied
     */
    public record MigrationDescriptor(String version, String description, String phase, String release, String state,
            @Nullable String deferralReason, @Nullable String progress, String script, @Nullable String checksum, @Nullable String installedBy,
            @Nullable Instant installedOn, @Nullable String installedByHost, @Nullable String installedByCodeVersion,
            @Nullable Long executionTime, @Nullable Integer installedRank) {

        MigrationDescriptor(MigrationInfo info) {
            this(info.version().toString(), info.description(), info.phase().name(), info.release().toString(),
                    info.state().name(), info.deferralReason(), info.progress(), info.script(), info.checksum(), info.installedBy(),
                    info.installedOn(), info.installedByHost(), info.installedByCodeVersion(),
                    (info.executionTime() != null) ? info.executionTime().toMillis() : null, info.installedRank());
        }

    }

    /**
     * Description of one live instance.
     * @param id the instance id
     * @param codeVersion the code version it runs
     * @param host its host
     * @param startedAt when it registered
     * @param lastHeartbeat when it last reported in
     * @param heartbeatAge how long ago that was, in milliseconds
     */
    public record FleetInstanceDescriptor(String id, String codeVersion, String host, Instant startedAt,
            Instant lastHeartbeat, long heartbeatAge) {

        FleetInstanceDescriptor(FleetInstance instance) {
            this(instance.id(), instance.codeVersion().toString(), instance.host(), instance.startedAt(),
                    instance.lastHeartbeat(), instance.heartbeatAge().toMillis());
        }

    }

    /**
     * Description of the current plan.
     * @param codeVersion the code version it was made for
     * @param toApply what a run would apply now, in order
     * @param deferred what waits, each with its reason
     */
    public record PlanDescriptor(String codeVersion, List<PlannedMigrationDescriptor> toApply,
            List<PlannedMigrationDescriptor> deferred) {

        PlanDescriptor(MigrationPlan plan) {
            this(plan.codeVersion().toString(), plan.toApply().stream().map(PlannedMigration::migration)
                .map(PlannedMigrationDescriptor::new).toList(),
                    plan.deferred().stream().map(PlannedMigrationDescriptor::new).toList());
        }

    }

    /**
     * Description of one migration in a plan.
     * @param version the version
     * @param phase the phase
     * @param release the release
     * @param script the file or Java class
     * @param reason why it waits, for deferred ones
     */
    public record PlannedMigrationDescriptor(String version, String phase, String release, String script,
            @Nullable String reason) {

        PlannedMigrationDescriptor(MigrationInfo info) {
            this(info.version().toString(), info.phase().name(), info.release().toString(), info.script(),
                    info.deferralReason());
        }

    }

    /**
     * Description of this instance's background work.
     * @param instanceId the id it registered under, if it did
     * @param reconcilerRunning whether background reconciliation runs
     * @param lastReconciliation when the last reconciliation finished
     * @param reconcilerError why the last reconciliation, or starting the reconciler, failed
     */
    public record BackgroundDescriptor(@Nullable String instanceId, boolean reconcilerRunning, @Nullable Instant lastReconciliation, @Nullable String reconcilerError) {

        BackgroundDescriptor(TidemarkFleetLifecycle fleet) {
            this(fleet.registration().map((registration) -> registration.instanceId()).orElse(null),
                    fleet.reconciler().isPresent(),
                    fleet.reconciler().flatMap((reconciler) -> reconciler.lastRun()).orElse(null),
                    message(fleet.reconciler()
                        .flatMap((reconciler) -> reconciler.lastFailure().map(Throwable.class::cast))
                        .orElse(fleet.reconcilerFailure().orElse(null))));
        }

    }

    /**
     * What an apply-deferred request did for one Tidemark bean.
     * @param forced whether the gating rules were overridden
     * @param reason the recorded reason, when forced
     * @param applied what was applied
     * @param deferred what still waits
     */
    public record ApplyDeferredDescriptor(boolean forced, @Nullable String reason, List<MigrationDescriptor> applied,
            List<MigrationDescriptor> deferred) {
    }

}
