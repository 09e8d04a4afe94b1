package dev.tidemark.autoconfigure.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkMigrationStrategy;

import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

// The instance registers in the fleet before its (no-op) startup step, so a real database is needed.
@WithPostgres
class TidemarkHealthContributorAutoConfigurationTests {

    private final TestDatabase database;

    private final ApplicationContextRunner runner;

    /** The README's recommended readiness group, with Boot's group membership validation on (its default). */
    private final ApplicationContextRunner withReadinessGroup;

    TidemarkHealthContributorAutoConfigurationTests(TestDatabase database) {
        this.database = database;
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkHealthContributorAutoConfiguration.class))
            .withBean(javax.sql.DataSource.class, () -> new DelegatingDataSource(this.database))
            .withBean(TidemarkMigrationStrategy.class, () -> (tidemark) -> { })
            .withPropertyValues("tidemark.code-version=1.0.0");
        this.withReadinessGroup = this.runner
            .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
                    AvailabilityProbesAutoConfiguration.class))
            .withPropertyValues("management.endpoint.health.probes.enabled=true",
                    "management.endpoint.health.group.readiness.include=readinessState,tidemark");
    }

    @Test
    void healthIndicatorNamedTidemarkIsPresentByDefault() {
        this.runner.run((context) -> assertThat(context).hasSingleBean(TidemarkHealthIndicator.class)
            .hasBean("tidemarkHealthIndicator"));
    }

    @Test
    void anUpStandInReplacesTheIndicatorWhenItIsDisabled() {
        this.runner.withPropertyValues("management.health.tidemark.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(TidemarkHealthIndicator.class);
            assertThat(context.getBean("tidemarkHealthIndicator", HealthIndicator.class).health().getDetails())
                .containsEntry("enabled", false)
                .containsEntry("switchedOffBy", "management.health.tidemark.enabled=false");
        });
    }

    @Test
    void theReadinessGroupWithTidemarkStartsAndIsUpWhenTidemarkIsDisabled() {
        this.withReadinessGroup.withPropertyValues("tidemark.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            CompositeHealthDescriptor readiness = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class)
                .healthForPath("readiness");
            assertThat(readiness.getStatus()).isEqualTo(Status.UP);
            assertThat(((IndicatedHealthDescriptor) readiness.getComponents().get("tidemark")).getDetails())
                .containsEntry("switchedOffBy", "tidemark.enabled=false");
        });
    }

    @Test
    void theReadinessGroupWithTidemarkStartsAndIsUpWhenTheIndicatorIsDisabled() {
        this.withReadinessGroup.withPropertyValues("management.health.tidemark.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(context.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void aGroupNamingAMissingContributorStillFailsSoTheTestsAboveProveSomething() {
        this.withReadinessGroup.withPropertyValues("management.endpoint.health.group.readiness.include=readinessState,nosuch")
            .run((context) -> assertThat(context).getFailure()
                .hasMessageContaining("Health contributor 'nosuch' defined in 'management.endpoint.health.group.readiness.include' does not exist"));
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
