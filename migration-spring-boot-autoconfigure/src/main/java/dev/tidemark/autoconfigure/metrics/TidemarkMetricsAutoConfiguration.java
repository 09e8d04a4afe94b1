package dev.tidemark.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

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
 * {@link EnableAutoConfiguration Auto-configuration} of the core's Micrometer adapter,
 * {@link TidemarkMetrics} ({@code tidemark.migration.duration}, {@code tidemark.migration.active},
 * {@code tidemark.lock.wait}, {@code tidemark.lock.retries}, {@code tidemark.lock.blocked.sessions},
 * {@code tidemark.migrations.pending|deferred|failed}, {@code tidemark.runs}). It is a {@link MeterBinder}
 * bean, so Spring Boot binds it to its registries with their customizers and filters applied, and a
 * {@link MigrationListener} bean, which {@link TidemarkAutoConfiguration} adds to the core configuration
 * like every listener bean; events of the startup migrations, which run before Boot binds meters, are
 * recorded when it does.
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ Tidemark.class, MeterRegistry.class })
public final class TidemarkMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TidemarkMetrics tidemarkMetrics() {
        return new TidemarkMetrics();
    }

}
