package dev.tidemark.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkMigrationStrategy;
import dev.tidemark.migration.Tidemark;

import static org.assertj.core.api.Assertions.assertThat;

class TidemarkMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkMetricsAutoConfiguration.class))
        .withBean(javax.sql.DataSource.class, SimpleDriverDataSource::new)
        .withBean(TidemarkMigrationStrategy.class, () -> (tidemark) -> { })
        .withPropertyValues("tidemark.code-version=1.0.0");

    /** Needs the lock-safety work, which adds the core's Micrometer adapter. */
    @Test
    void bindsTheCoreMetricsToTheApplicationsMeterRegistry() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
            assertThat(context).hasBean("tidemarkMetrics");
            assertThat(context.getBean(Tidemark.class).configuration().listeners()).contains(context.getBean("tidemarkMetrics",
                    dev.tidemark.migration.MigrationListener.class));
        });
    }

    @Test
    void bindsNothingWithoutAMeterRegistryBean() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("tidemarkMetrics"));
    }

    @Test
    void bindsNothingWithoutMicrometerOnTheClasspath() {
        this.runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("tidemarkMetrics"));
    }

}
