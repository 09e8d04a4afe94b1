package dev.tidemark.autoconfigure;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.FleetRegistration;
import dev.tidemark.migration.Reconciler;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkException;

/**
 * This instance's life in the fleet: it {@linkplain #join() registers} before the startup migration
 * step, starts background reconciliation of deferred MIGRATE and CONTRACT work once the application is
 * ready, and on shutdown stops reconciling and deregisters.
 * <p>
 * Why this timing: registering before EXPAND means a newer instance never contracts the schema while
 * this one starts; deregistering in the lowest {@link SmartLifecycle} phase means it happens after the
 * web server finished its graceful shutdown, when this code serves no request any more.
 * <p>
 * A failure to register stops startup: an unregistered instance is invisible to the fleet gate, so a
 * newer instance could apply a CONTRACT that this code still needs; not being ready would stop its HTTP
 * traffic but neither its schedulers and consumers nor the CONTRACT, and nothing would retry the
 * registration, while a failed start is retried by the orchestrator with back-off. A failure to start
 * reconciling does not stop the application; it is logged at ERROR and shown by the {@code tidemark}
 * health details and endpoint. Thread-safe.
 */
public class TidemarkFleetLifecycle implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    /** Stops after every default-phase lifecycle, including the web server's graceful shutdown. */
    public static final int PHASE = Integer.MIN_VALUE + 100;

    private static final Logger logger = LoggerFactory.getLogger(TidemarkFleetLifecycle.class);

    private final Tidemark tidemark;

    private @Nullable FleetRegistration registration;

    private @Nullable Reconciler reconciler;

    private @Nullable RuntimeException reconcilerFailure;

    private boolean running;

    /**
     * Creates the lifecycle of one facade.
     * @param tidemark the facade whose fleet this instance joins
     */
    public TidemarkFleetLifecycle(Tidemark tidemark) {
        this.tidemark = tidemark;
    }

    /**
     * Registers this instance in the fleet registry, once.
     * @throws TidemarkException when it cannot register; the application must not start unregistered
     */
    public synchronized void join() {
        if (this.registration != null) {
            return;
        }
        try {
            this.registration = this.tidemark.register();
        }
        catch (RuntimeException ex) {
            throw new TidemarkException(ErrorCode.DATABASE_ERROR, "This instance could not register in the fleet "
                    + "registry, so it does not start: unregistered, it would be invisible to the fleet gate, and a "
                    + "newer instance could apply a CONTRACT that this code still needs. " + ex.getMessage(), ex);
        }
    }

    /** Starts background reconciliation once the application is ready to serve. */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        startReconciler();
    }

    /** Starts background reconciliation, once; a failure is logged and kept for health. */
    public synchronized void startReconciler() {
        if (this.reconciler != null || !this.running) {
            return;
        }
        try {
            this.reconciler = this.tidemark.startReconciler();
            this.reconcilerFailure = null;
        }
        catch (RuntimeException ex) {
            this.reconcilerFailure = ex;
            logger.error("Could not start background reconciliation; deferred MIGRATE and CONTRACT migrations will "
                    + "not be applied by this instance: {}", ex.getMessage(), ex);
        }
    }

    @Override
    public synchronized void start() {
        this.running = true;
    }

    @Override
    public synchronized void stop() {
        this.running = false;
        closeAll();
    }

    @Override
    public synchronized boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Deregisters even when the context failed before it started, e.g. because EXPAND failed. */
    @Override
    public synchronized void destroy() {
        closeAll();
    }

    /** This instance's registration, if it registered. */
    public synchronized Optional<FleetRegistration> registration() {
        return Optional.ofNullable(this.registration);
    }

    /** The background reconciler, if it started. */
    public synchronized Optional<Reconciler> reconciler() {
        return Optional.ofNullable(this.reconciler);
    }

    /** Why the reconciler could not start, if it could not. */
    public synchronized Optional<RuntimeException> reconcilerFailure() {
        return Optional.ofNullable(this.reconcilerFailure);
    }

    private void closeAll() {
        // Stop reconciling first: a reconciliation must not run on behalf of an instance that left.
        if (this.reconciler != null) {
            try {
                this.reconciler.close();
            }
            catch (RuntimeException ex) {
                logger.warn("Could not stop background reconciliation cleanly: {}", ex.getMessage(), ex);
            }
            this.reconciler = null;
        }
        if (this.registration != null) {
            String id = this.registration.instanceId();
            try {
                this.registration.close();
                logger.info("Left the fleet (instance {})", id);
            }
            catch (RuntimeException ex) {
                logger.warn("Could not deregister instance {}; it counts as gone once its heartbeat is older than {}: {}",
                        id, this.tidemark.configuration().fleet().instanceStaleTimeout(), ex.getMessage(), ex);
            }
            this.registration = null;
        }
    }

}
