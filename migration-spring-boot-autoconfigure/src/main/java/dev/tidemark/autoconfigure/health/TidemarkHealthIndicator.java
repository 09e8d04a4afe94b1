package dev.tidemark.autoconfigure.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.tidemark.autoconfigure.TidemarkFleetLifecycle;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.Version;

/**
 * {@link HealthIndicator} {@code tidemark}: whether this instance's code can serve on this schema. It is
 * DOWN only when it cannot: the schema is ahead of the code (a CONTRACT of a newer release was applied,
 * version skew), or an EXPAND migration this code needs is not applied (its startup EXPAND did not
 * succeed, or a deployment job that should have run it did not). Everything else that can go wrong runs
 * in the background and does not make this code unable to serve, so it shows in the details
 * ({@code backgroundErrors}), on the endpoint, in metrics and as an ERROR log line, never in the status:
 * a failed MIGRATE or CONTRACT, a failed reconciliation, another instance holding the migration lock for
 * a long backfill. Taking every pod out of traffic for those would turn a background problem into an
 * outage. When the history cannot be read the status is UNKNOWN, which readiness groups treat as not
 * DOWN: the {@code db} indicator, not this one, speaks for the database.
 * <p>
 * Meant for the readiness group only: restarting an instance (what a failed liveness probe does) never
 * fixes a schema. Thread-safe.
 */
public class TidemarkHealthIndicator implements HealthIndicator {

    private static final Logger logger = LoggerFactory.getLogger(TidemarkHealthIndicator.class);

    private final Tidemark tidemark;

    private final @Nullable TidemarkFleetLifecycle fleet;

    /**
     * Creates the indicator.
     * @param tidemark the facade whose migrations are checked
     * @param fleet this instance's fleet lifecycle, or {@code null} when Spring does not manage one
     */
    public TidemarkHealthIndicator(Tidemark tidemark, @Nullable TidemarkFleetLifecycle fleet) {
        this.tidemark = tidemark;
        this.fleet = fleet;
    }

    @Override
    public Health health() {
        Version codeVersion = this.tidemark.configuration().codeVersion();
        Health.Builder builder = new Health.Builder().withDetail("codeVersion", codeVersion.toString());
        List<String> backgroundErrors = new ArrayList<>();
        background(builder, backgroundErrors);
        List<MigrationInfo> migrations;
        try {
            migrations = this.tidemark.info();
        }
        catch (RuntimeException ex) {
            logger.debug("Could not read the migration history for the health check", ex);
            return withErrors(builder.status(Status.UNKNOWN).withDetail("error", "Could not read the migration "
                    + "history, so compatibility is unknown: " + ex.getMessage()), backgroundErrors).build();
        }
        List<String> problems = new ArrayList<>();
        // This code does not ship a newer release's files, so such a migration shows as MISSING, not APPLIED.
        List<String> ahead = labels(migrations, (info) -> (info.state() == MigrationState.APPLIED
                || info.state() == MigrationState.MISSING) && info.phase() == Phase.CONTRACT
                && info.release().compareTo(codeVersion) > 0);
        if (!ahead.isEmpty()) {
            problems.add("the schema is ahead of code version " + codeVersion + ": " + String.join(", ", ahead)
                    + " already applied; deploy that release or newer");
        }
        List<String> missingExpand = labels(migrations, (info) -> info.phase() == Phase.EXPAND
                && info.release().compareTo(codeVersion) <= 0
                && (info.state() == MigrationState.PENDING || info.state() == MigrationState.FAILED
                        || info.state() == MigrationState.INTERRUPTED));
        if (!missingExpand.isEmpty()) {
            problems.add("EXPAND migrations this code needs are not applied: " + String.join(", ", missingExpand));
        }
        labels(migrations, (info) -> info.state() == MigrationState.FAILED && info.phase() != Phase.EXPAND)
            .forEach((label) -> backgroundErrors.add("failed: " + label + " (applied again on the next pass)"));
        builder.status(problems.isEmpty() ? Status.UP : Status.DOWN)
            .withDetail("applied", count(migrations, MigrationState.APPLIED))
            .withDetail("pending", count(migrations, MigrationState.PENDING))
            .withDetail("deferred", count(migrations, MigrationState.DEFERRED))
            .withDetail("failed", count(migrations, MigrationState.FAILED));
        // A migration its process left part-way is continued by the next run; operators want to see it.
        List<String> unfinished = migrations.stream()
            .filter((info) -> info.state() == MigrationState.RUNNING || info.state() == MigrationState.INTERRUPTED)
            .map((info) -> info.label() + " " + info.state().name().toLowerCase(Locale.ROOT) + ": " + info.progress())
            .toList();
        if (!unfinished.isEmpty()) {
            builder.withDetail("unfinished", unfinished);
        }
        if (!problems.isEmpty()) {
            builder.withDetail("problems", problems);
        }
        return withErrors(builder, backgroundErrors).build();
    }

    private void background(Health.Builder builder, List<String> backgroundErrors) {
        if (this.fleet == null) {
            return;
        }
        this.fleet.registration().ifPresent((registration) -> builder.withDetail("instanceId", registration.instanceId()));
        this.fleet.reconcilerFailure()
            .ifPresent((ex) -> backgroundErrors.add("background reconciliation did not start: " + ex.getMessage()));
        this.fleet.reconciler().ifPresent((reconciler) -> {
            reconciler.lastRun().ifPresent((lastRun) -> builder.withDetail("lastReconciliation", lastRun));
            reconciler.lastFailure()
                .ifPresent((ex) -> backgroundErrors.add("last reconciliation failed: " + ex.getMessage()));
        });
    }

    private static Health.Builder withErrors(Health.Builder builder, List<String> backgroundErrors) {
        return backgroundErrors.isEmpty() ? builder : builder.withDetail("backgroundErrors", backgroundErrors);
    }

    private static long count(List<MigrationInfo> migrations, MigrationState state) {
        return migrations.stream().filter((info) -> info.state() == state).count();
    }

    private static List<String> labels(List<MigrationInfo> migrations, Predicate<MigrationInfo> filter) {
        return migrations.stream()
            .filter(filter)
            .map((info) -> info.label() + " of release " + info.release())
            .toList();
    }

}
