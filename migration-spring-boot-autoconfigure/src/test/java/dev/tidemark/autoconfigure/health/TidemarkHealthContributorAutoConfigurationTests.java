package dev.tidemark.autoconfigure.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkMigrationStrategy;

import static org.assertj.core.api.Assertions.assertThat;

class TidemarkHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkHealthContributorAutoConfiguration.class))
        .withBean(javax.sql.DataSource.class, SimpleDriverDataSource::new)
        .withBean(TidemarkMigrationStrategy.class, () -> (tidemark) -> { })
        .withPropertyValues("tidemark.code-version=1.0.0");

    @Test
    void healthIndicatorNamedTidemarkIsPresentByDefault() {
        this.runner.run((context) -> assertThat(context).hasSingleBean(TidemarkHealthIndicator.class)
            .hasBean("tidemarkHealthIndicator"));
    }

    @Test
    void healthIndicatorIsAbsentWhenDisabled() {
        this.runner.withPropertyValues("management.health.tidemark.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(TidemarkHealthIndicator.class));
    }

    @Test
    void healthIndicatorIsAbsentWithoutSpringBootHealthOnTheClasspath() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TidemarkHealthIndicator.class));
    }

    @Test
    void healthIndicatorBacksOffFromTheApplicationsOwn() {
        this.runner.withBean("tidemarkHealthIndicator", HealthIndicator.class, () -> () -> null)
            .run((context) -> assertThat(context).doesNotHaveBean(TidemarkHealthIndicator.class));
    }

}
