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
 * Re-plans on a fixed delay on one daemon thread. In {@link ContractMode#AUTOMATIC} mode each tick
 * reconciles (applies what became allowed, under the migration lock); in {@link ContractMode#MANUAL}
 * mode it only re-plans and logs when the deferred work changes. A failing tick is logged and
 * remembered, and the schedule carries on. Thread-safe.
 */
public final class ScheduledReconciler implements Reconciler {

    private static final Logger logger = LoggerFactory.getLogger(ScheduledReconciler.class);

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Supplier<MigrateResult> reconcile;

    private final Supplier<MigrationPlan> replan;

    private final ContractMode mode;

    private final ScheduledExecutorService executor;

    private volatile @Nullable Instant lastRun;

    private volatile @Nullable TidemarkException lastFailure;

    private volatile List<Version> lastDeferred = List.of();

    /**
     * Creates and starts the reconciler; the first tick comes one interval after the start.
     * @param reconcile applies what is allowed now
     * @param replan plans without applying (manual mode)
     */
    public ScheduledReconciler(Supplier<MigrateResult> reconcile, Supplier<MigrationPlan> replan, ContractMode mode,
            Duration interval) {
        this.reconcile = reconcile;
        this.replan = replan;
        this.mode = mode;
        this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "tidemark-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        // tick() catches everything it can throw, so the future never holds a failure worth reading.
        var unused = this.executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
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
                MigrateResult result = this.reconcile.get();
                deferred = result.deferred();
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

    private void fail(TidemarkException ex) {
        this.lastFailure = ex;
        if (ex.errorCode() == ErrorCode.LOCK_WAIT_TIMEOUT || ex.errorCode() == ErrorCode.DATABASE_ERROR) {
            logger.warn("Reconciliation failed, retrying in the next interval: {}", ex.getMessage());
        }
        else {
            logger.error("Reconciliation failed, retrying in the next interval", ex);
        }
    }

    private static List<Version> versions(List<MigrationInfo> infos) {
        return infos.stream().map(MigrationInfo::version).toList();
    }

}
