package dev.tidemark.autoconfigure.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.tidemark.autoconfigure.TidemarkFleetLifecycle;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.Version;

/**
 * {@link HealthIndicator} {@code tidemark}: DOWN when a migration FAILED, when the schema is ahead of
 * this code (a CONTRACT of a newer release was applied), when this instance could not register in the
 * fleet, or when background reconciliation failed; UP otherwise, with pending and deferred counts.
 * Meant for the readiness group only: an instance whose schema is not right must stop receiving
 * traffic, but restarting it (what a failed liveness probe does) never fixes a schema. Thread-safe.
 */
public class TidemarkHealthIndicator extends AbstractHealthIndicator {

    private final Tidemark tidemark;

    private final @Nullable TidemarkFleetLifecycle fleet;

    /**
     * Creates the indicator.
     * @param tidemark the facade whose migrations are checked
     * @param fleet this instance's fleet lifecycle, or {@code null} when Spring does not manage one
     */
    public TidemarkHealthIndicator(Tidemark tidemark, @Nullable TidemarkFleetLifecycle fleet) {
        super("Tidemark health check failed");
        this.tidemark = tidemark;
        this.fleet = fleet;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Version codeVersion = this.tidemark.configuration().codeVersion();
        List<MigrationInfo> migrations = this.tidemark.info();
        List<String> problems = new ArrayList<>();
        List<String> failed = labels(migrations, MigrationState.FAILED);
        if (!failed.isEmpty()) {
            problems.add("failed migrations: " + String.join(", ", failed));
        }
        // This code does not ship a newer release's files, so such a migration shows as MISSING, not APPLIED.
        List<String> ahead = migrations.stream()
            .filter((info) -> (info.state() == MigrationState.APPLIED || info.state() == MigrationState.MISSING)
                    && info.phase() == Phase.CONTRACT && info.release().compareTo(codeVersion) > 0)
            .map((info) -> info.label() + " of release " + info.release())
            .toList();
        if (!ahead.isEmpty()) {
            problems.add("the schema is ahead of code version " + codeVersion + ": " + String.join(", ", ahead)
                    + " already applied");
        }
        if (this.fleet != null) {
            this.fleet.registrationFailure()
                .ifPresent((ex) -> problems.add("not registered in the fleet: " + ex.getMessage()));
            this.fleet.reconcilerFailure()
                .ifPresent((ex) -> problems.add("background reconciliation did not start: " + ex.getMessage()));
            lastReconcileFailure().ifPresent((ex) -> problems.add("last reconciliation failed: " + ex.getMessage()));
            this.fleet.registration().ifPresent((registration) -> builder.withDetail("instanceId", registration.instanceId()));
            this.fleet.reconciler()
                .flatMap((reconciler) -> reconciler.lastRun())
                .ifPresent((lastRun) -> builder.withDetail("lastReconciliation", lastRun));
        }
        builder.status(problems.isEmpty() ? "UP" : "DOWN")
            .withDetail("codeVersion", codeVersion.toString())
            .withDetail("applied", count(migrations, MigrationState.APPLIED))
            .withDetail("pending", count(migrations, MigrationState.PENDING))
            .withDetail("deferred", count(migrations, MigrationState.DEFERRED))
            .withDetail("failed", failed.size());
        // A migration its process left part-way is continued by the next run; operators want to see it.
        List<String> unfinished = migrations.stream()
            .filter((info) -> info.state() == MigrationState.RUNNING || info.state() == MigrationState.INTERRUPTED)
            .map((info) -> info.label() + " " + info.state().name().toLowerCase(java.util.Locale.ROOT) + ": " + info.progress())
            .toList();
        if (!unfinished.isEmpty()) {
            builder.withDetail("unfinished", unfinished);
        }
        if (!problems.isEmpty()) {
            builder.withDetail("problems", problems);
        }
    }

    private Optional<TidemarkException> lastReconcileFailure() {
        return (this.fleet != null) ? this.fleet.reconciler().flatMap((reconciler) -> reconciler.lastFailure())
                : Optional.empty();
    }

    private static long count(List<MigrationInfo> migrations, MigrationState state) {
        return migrations.stream().filter((info) -> info.state() == state).count();
    }

    private static List<String> labels(List<MigrationInfo> migrations, MigrationState state) {
        return migrations.stream().filter((info) -> info.state() == state).map(MigrationInfo::label).toList();
    }

}
