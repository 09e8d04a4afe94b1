package dev.tidemark.migration.micrometer;

import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.MigrateResult;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.RunTrigger;
import dev.tidemark.migration.TidemarkException;

/**
 * Turns Tidemark's events into Micrometer {@link Observation}s: one per run ({@code tidemark.run}) and,
 * inside it, one per applied migration ({@code tidemark.migration.execution}); see
 * {@link TidemarkObservationDocumentation}. A run observation becomes a child of whatever observation is
 * current on the thread, e.g. an application's startup span. Register it as a listener:
 * {@code TidemarkConfiguration.builder().listener(new TidemarkObservations(registry))}.
 * <p>
 * The events of one run arrive on one thread, in order, so the open observation and its scope are kept
 * per thread until the run's end event. Thread-safe.
 */
public final class TidemarkObservations implements MigrationListener {

    private static final MigrationRunObservationConvention DEFAULT_RUN = new DefaultMigrationRunObservationConvention();

    private static final MigrationObservationConvention DEFAULT_MIGRATION = new DefaultMigrationObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable MigrationRunObservationConvention runConvention;

    private final @Nullable MigrationObservationConvention migrationConvention;

    // Per instance, not static: two listeners (two registries, two Tidemark objects) on one thread must not
    // see each other's open observations.
    @SuppressWarnings("ThreadLocalUsage")
    private final ThreadLocal<Open<MigrationRunObservationContext>> run = new ThreadLocal<>();

    @SuppressWarnings("ThreadLocalUsage")
    private final ThreadLocal<Open<MigrationObservationContext>> migration = new ThreadLocal<>();

    /** Observes into the registry with the default conventions. */
    public TidemarkObservations(ObservationRegistry registry) {
        this(registry, null, null);
    }

    /**
     * Observes into the registry.
     * @param runConvention replaces {@link DefaultMigrationRunObservationConvention}, or {@code null}
     * @param migrationConvention replaces {@link DefaultMigrationObservationConvention}, or {@code null}
     */
    public TidemarkObservations(ObservationRegistry registry, @Nullable MigrationRunObservationConvention runConvention,
            @Nullable MigrationObservationConvention migrationConvention) {
        this.registry = registry;
        this.runConvention = runConvention;
        this.migrationConvention = migrationConvention;
    }

    @Override
    public void runStarted(RunTrigger trigger) {
        MigrationRunObservationContext context = new MigrationRunObservationContext(trigger);
        Observation observation = TidemarkObservationDocumentation.RUN
            .observation(this.runConvention, DEFAULT_RUN, () -> context, this.registry)
            .start();
        this.run.set(new Open<>(observation, observation.openScope(), context));
    }

    @Override
    public void runSucceeded(RunTrigger trigger, MigrateResult result, Duration took) {
        endRun("success", result, null);
    }

    @Override
    public void runSkipped(RunTrigger trigger, String reason, Duration took) {
        endRun("skipped", null, null);
    }

    @Override
    public void runFailed(RunTrigger trigger, TidemarkException error, Duration took) {
        endRun("failure", null, error);
    }

    @Override
    public void migrationStarted(MigrationInfo info) {
        MigrationObservationContext context = new MigrationObservationContext(info);
        Observation observation = TidemarkObservationDocumentation.MIGRATION
            .observation(this.migrationConvention, DEFAULT_MIGRATION, () -> context, this.registry)
            .start();
        this.migration.set(new Open<>(observation, observation.openScope(), context));
    }

    @Override
    public void migrationSucceeded(MigrationInfo info, Duration took) {
        endMigration("success", null);
    }

    @Override
    public void migrationFailed(MigrationInfo info, Duration took, TidemarkException error) {
        endMigration("failure", error);
    }

    private void endRun(String outcome, @Nullable MigrateResult result, @Nullable Throwable error) {
        // A migration still open here ended without its own event; close it first so scopes unwind in order.
        endMigration("failure", error);
        Open<MigrationRunObservationContext> open = this.run.get();
        if (open != null) {
            this.run.remove();
            open.context().ended(outcome, result);
            open.close(error);
        }
    }

    private void endMigration(String outcome, @Nullable Throwable error) {
        Open<MigrationObservationContext> open = this.migration.get();
        if (open != null) {
            this.migration.remove();
            open.context().ended(outcome);
            open.close(error);
        }
    }

    private record Open<C extends Observation.Context>(Observation observation, Observation.Scope scope, C context) {

        void close(@Nullable Throwable error) {
            this.scope.close();
            if (error != null) {
                this.observation.error(error);
            }
            this.observation.stop();
        }

    }

}
