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
import dev.tidemark.migration.micrometer.TidemarkMetrics;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that binds the core's Micrometer adapter
 * ({@link TidemarkMetrics}: {@code tidemark.migration.duration},
 * {@code tidemark.migration.active}, {@code tidemark.lock.wait}, {@code tidemark.lock.retries},
 * {@code tidemark.lock.blocked.sessions}, {@code tidemark.migrations}) to the application's
 * {@link MeterRegistry}. The adapter is a {@link MigrationListener} bean, which
 * {@link TidemarkAutoConfiguration} adds to the core configuration like every listener bean.
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ Tidemark.class, MeterRegistry.class })
public final class TidemarkMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TidemarkMetrics tidemarkMetrics(MeterRegistry registry) {
        return new TidemarkMetrics(registry);
    }

}
