package dev.tidemark.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

import dev.tidemark.migration.Tidemark;

/**
 * Runs Tidemark's startup step while the application context refreshes, before beans that use the
 * database are created (see {@link TidemarkMigrationInitializerDatabaseInitializerDetector}): it first
 * joins the fleet, so that no other instance contracts the schema from under this one while it starts,
 * then runs the {@link TidemarkMigrationStrategy}, by default {@link Tidemark#expand()}.
 */
public class TidemarkMigrationInitializer implements InitializingBean, Ordered {

    private final Tidemark tidemark;

    private final @Nullable TidemarkMigrationStrategy strategy;

    private final @Nullable TidemarkFleetLifecycle fleet;

    private int order;

    /**
     * Creates an initializer that runs the default strategy and joins no fleet.
     * @param tidemark the facade to run
     */
    public TidemarkMigrationInitializer(Tidemark tidemark) {
        this(tidemark, null, null);
    }

    /**
     * Creates an initializer.
     * @param tidemark the facade to run
     * @param strategy what to run instead of {@link Tidemark#expand()}, or {@code null}
     * @param fleet the fleet membership to join before migrating, or {@code null} to join none
     */
    public TidemarkMigrationInitializer(Tidemark tidemark, @Nullable TidemarkMigrationStrategy strategy,
            @Nullable TidemarkFleetLifecycle fleet) {
        this.tidemark = tidemark;
        this.strategy = strategy;
        this.fleet = fleet;
    }

    @Override
    public void afterPropertiesSet() {
        if (this.fleet != null) {
            this.fleet.join();
        }
        if (this.strategy != null) {
            this.strategy.migrate(this.tidemark);
        }
        else {
            this.tidemark.expand();
        }
    }

    @Override
    public int getOrder() {
        return this.order;
    }

    /** Sets the order of this initializer among other {@link Ordered} initializers. */
    public void setOrder(int order) {
        this.order = order;
    }

}
