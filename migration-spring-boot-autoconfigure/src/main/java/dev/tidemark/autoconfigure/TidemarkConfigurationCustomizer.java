package dev.tidemark.autoconfigure;

import dev.tidemark.migration.TidemarkConfiguration;

/**
 * Callback that adjusts the core {@link TidemarkConfiguration} after the {@code tidemark.*} properties
 * were applied and before it is validated; every bean of this type is called, in {@code @Order}.
 */
@FunctionalInterface
public interface TidemarkConfigurationCustomizer {

    /**
     * Customizes the configuration being built.
     * @param builder the builder, already holding the data source, code version and properties
     */
    void customize(TidemarkConfiguration.Builder builder);

}
