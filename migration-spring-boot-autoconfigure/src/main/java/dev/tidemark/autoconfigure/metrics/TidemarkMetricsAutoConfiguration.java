package dev.tidemark.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.Tidemark;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that binds the core's Micrometer adapter
 * ({@code dev.tidemark.migration.micrometer.TidemarkMetrics}: {@code tidemark.migration.duration},
 * {@code tidemark.migration.active}, {@code tidemark.lock.wait}, {@code tidemark.lock.retries},
 * {@code tidemark.lock.blocked.sessions}, {@code tidemark.migrations}) to the application's
 * {@link MeterRegistry}. The adapter is a {@link MigrationListener} bean, which
 * {@link TidemarkAutoConfiguration} adds to the core configuration like every listener bean.
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(name = { "io.micrometer.core.instrument.MeterRegistry", TidemarkMetricsAutoConfiguration.ADAPTER })
@ConditionalOnBean({ Tidemark.class, MeterRegistry.class })
public final class TidemarkMetricsAutoConfiguration {

    /** The core's Micrometer adapter, named as text so this module compiles without it. */
    static final String ADAPTER = "dev.tidemark.migration.micrometer.TidemarkMetrics";

    @Bean
    @ConditionalOnMissingBean(type = ADAPTER)
    MigrationListener tidemarkMetrics(MeterRegistry registry) {
        // Until the lock-safety work that adds the adapter is merged, it is created by name; afterwards this
        // becomes `return new TidemarkMetrics(registry);` with the return type TidemarkMetrics.
        try {
            return (MigrationListener) Class.forName(ADAPTER, true, TidemarkMetricsAutoConfiguration.class.getClassLoader())
                .getConstructor(MeterRegistry.class)
                .newInstance(registry);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("Could not create " + ADAPTER + ": " + ex.getMessage(), ex);
        }
    }

}
