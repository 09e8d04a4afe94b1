package dev.tidemark.migration.internal.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.ContractMode;
import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.MigrateResult;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationPlan;
import dev.tidemark.migration.Reconciler;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.Version;

/**
 * Re-plans on one daemon thread: a first pass right away (the application is ready, and the startup
 * log promised the background work), then one every interval after the previous pass ended. In
 * {@link ContractMode#AUTOMATIC} mode each pass reconciles (applies what became allowed, under the
 * migration lock); in {@link ContractMode#MANUAL} mode it only re-plans and logs when the deferred work
 * changes. A pass that finds the migration lock held by another instance skips (logged at DEBUG: that
 * instance is doing the work). A failing pass is logged at ERROR and remembered until a pass succeeds,
 * and the schedule carries on. Thread-safe.
 */
public final class ScheduledReconciler implements Reconciler {

    private static final Logger logger = LoggerFactory.getLogger(ScheduledReconciler.class);

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Supplier<Optional<MigrateResult>> reconcile;

    private final Supplier<MigrationPlan> replan;

    private final ContractMode mode;

    private final ScheduledExecutorService executor;

    private final Duration interval;

    private volatile @Nullable Instant lastRun;

    private volatile @Nullable TidemarkException lastFailure;

    private volatile List<Version> lastDeferred = List.of();

    /**
     * Creates and starts the reconciler; the first pass starts at once.
     * @param reconcile applies what is allowed now, or returns empty when the migration lock is busy
     * @param replan plans without applying (manual mode)
     */
    public ScheduledReconciler(Supplier<Optional<MigrateResult>> reconcile, Supplier<MigrationPlan> replan,
            ContractMode mode, Duration interval) {
        this.reconcile = reconcile;
        this.replan = replan;
        this.mode = mode;
        this.interval = interval;
        this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "tidemark-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        // tick() catches everything it can throw, so the future never holds a failure worth reading.
        var unused = this.executor.scheduleWithFixedDelay(this::tick, 0, millis, TimeUnit.MILLISECONDS);
        logger.info("Reconciling deferred migrations every {} ({} mode)", interval, mode.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Optional<Instant> lastRun() {
        return Optional.ofNullable(this.lastRun);
    }

    @Override
    public Optional<TidemarkException> lastFailure() {
        return Optional.ofNullable(this.lastFailure);
    }

    @Override
    public void close() {
        this.executor.shutdown();
        try {
            if (!this.executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("A reconciliation is still running after {}; leaving it to finish on its daemon thread",
                        CLOSE_WAIT);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            List<MigrationInfo> deferred;
            if (this.mode == ContractMode.AUTOMATIC) {
                Optional<MigrateResult> result = this.reconcile.get();
                if (result.isEmpty()) {
                    // Another instance migrates; what it does shows on its own log. Nothing failed here.
                    return;
                }
                deferred = result.get().deferred();
            }
            else {
                MigrationPlan plan = this.replan.get();
                deferred = plan.deferred();
                if (!versions(deferred).equals(this.lastDeferred)) {
                    logger.info("Deferred work changed; nothing is applied in manual contract mode until requested\n{}",
                            plan.describe());
                }
            }
            this.lastDeferred = versions(deferred);
            this.lastFailure = null;
        }
        catch (TidemarkException ex) {
            fail(ex);
        }
        catch (RuntimeException ex) {
            fail(new TidemarkException(ErrorCode.DATABASE_ERROR, "Reconciliation failed unexpectedly: " + ex, ex));
        }
        finally {
            this.lastRun = Instant.now();
        }
    }

    /**
     * One ERROR line that says what failed and that the application keeps serving; Tidemark's messages
     * name the file, line and next step, so the stack trace goes to DEBUG, except for unexpected errors.
     */
    private void fail(TidemarkException ex) {
        this.lastFailure = ex;
        String message = "Background reconciliation failed; the application keeps serving and the next pass in {} "
                + "tries again: {}";
        if (ex.getCause() instanceof RuntimeException && !(ex.getCause() instanceof TidemarkException)) {
            logger.error(message, this.interval, ex.getMessage(), ex);
        }
        else {
            logger.error(message, this.interval, ex.getMessage());
            logger.debug("Reconciliation failure", ex);
        }
    }

    private static List<Version> versions(List<MigrationInfo> infos) {
        return infos.stream().map(MigrationInfo::version).toList();
    }

}
