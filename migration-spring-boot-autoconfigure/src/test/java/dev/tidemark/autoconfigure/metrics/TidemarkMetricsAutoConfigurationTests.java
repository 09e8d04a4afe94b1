package dev.tidemark.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkMigrationStrategy;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.micrometer.TidemarkMetrics;

import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

// The instance registers in the fleet before its (no-op) startup step, so a real database is needed.
@WithPostgres
class TidemarkMetricsAutoConfigurationTests {

    private final TestDatabase database;

    private final ApplicationContextRunner runner;

    TidemarkMetricsAutoConfigurationTests(TestDatabase database) {
        this.database = database;
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkMetricsAutoConfiguration.class))
            .withBean(javax.sql.DataSource.class, () -> new DelegatingDataSource(this.database))
            .withBean(TidemarkMigrationStrategy.class, () -> (tidemark) -> { })
            .withPropertyValues("tidemark.code-version=1.0.0");
    }

    @Test
    void bindsTheCoreMetricsToTheApplicationsMeterRegistryAsAMeterBinder() {
        this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .run((context) -> {
                assertThat(context).hasSingleBean(TidemarkMetrics.class);
                assertThat(context.getBean(TidemarkMetrics.class)).isInstanceOf(MeterBinder.class);
                assertThat(context.getBean(Tidemark.class).configuration().listeners())
                    .contains(context.getBean(TidemarkMetrics.class));
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("tidemark.migrations.pending").gauge().value()).isZero();
                assertThat(registry.get("tidemark.migrations.deferred").gauge().getId().getDescription())
                    .startsWith("Migrations waiting for their phase condition");
            });
    }

    @Test
    void backsOffFromTheApplicationsOwnMetrics() {
        TidemarkMetrics own = new TidemarkMetrics();
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withBean("own", TidemarkMetrics.class, () -> own)
            .run((context) -> assertThat(context.getBean(TidemarkMetrics.class)).isSameAs(own));
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
