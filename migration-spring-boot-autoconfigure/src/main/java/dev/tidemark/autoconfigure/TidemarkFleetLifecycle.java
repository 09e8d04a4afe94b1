package dev.tidemark.autoconfigure;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import dev.tidemark.migration.FleetRegistration;
import dev.tidemark.migration.Reconciler;
import dev.tidemark.migration.Tidemark;

/**
 * This instance's life in the fleet: it {@linkplain #join() registers} before the startup migration
 * step, starts background reconciliation of deferred MIGRATE and CONTRACT work once the application is
 * ready, and on shutdown stops reconciling and deregisters.
 * <p>
 * Why this timing: registering before EXPAND means a newer instance never contracts the schema while
 * this one starts; deregistering in the lowest {@link SmartLifecycle} phase means it happens after the
 * web server finished its graceful shutdown, when this code serves no request any more.
 * <p>
 * A failure to register or to start reconciling does not stop the application; it is logged at ERROR
 * and reported by the {@code tidemark} health indicator and endpoint, so the instance does not become
 * ready. Thread-safe.
 */
public class TidemarkFleetLifecycle implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    /** Stops after every default-phase lifecycle, including the web server's graceful shutdown. */
    public static final int PHASE = Integer.MIN_VALUE + 100;

    private static final Logger logger = LoggerFactory.getLogger(TidemarkFleetLifecycle.class);

    private final Tidemark tidemark;

    private @Nullable FleetRegistration registration;

    private @Nullable RuntimeException registrationFailure;

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

    /** Registers this instance in the fleet registry, once; a failure is logged and kept for health. */
    public synchronized void join() {
        if (this.registration != null) {
            return;
        }
        try {
            this.registration = this.tidemark.register();
            this.registrationFailure = null;
        }
        catch (RuntimeException ex) {
            this.registrationFailure = ex;
            logger.error("Could not register this instance in the fleet registry; until it is registered, other "
                    + "instances may apply CONTRACT migrations this code still needs, so it reports itself DOWN: {}",
                    ex.getMessage(), ex);
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

    /** Why registration failed, if it did. */
    public synchronized Optional<RuntimeException> registrationFailure() {
        return Optional.ofNullable(this.registrationFailure);
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
