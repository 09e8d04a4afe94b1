package dev.tidemark.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkMigrationStrategy;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.micrometer.TidemarkObservations;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
class TidemarkObservationAutoConfigurationTests {

    private final ApplicationContextRunner runner;

    TidemarkObservationAutoConfigurationTests(TestDatabase database) {
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, TidemarkAutoConfiguration.class,
                    TidemarkObservationAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.user(),
                    "tidemark.code-version=1.0.0", "tidemark.locations=classpath:db/it");
    }

    @Test
    @SuppressWarnings("try") // the scope is open for the block; its variable is unused
    void theStartupRunAndEachMigrationAreObservedUnderTheCurrentObservation() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        // Stands for the application's startup span: the run becomes its child.
        Observation startup = Observation.start("application.startup", registry);
        try (Observation.Scope scope = startup.openScope()) {
            this.runner.withBean(ObservationRegistry.class, () -> registry).run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Tidemark.class).configuration().listeners())
                    .contains(context.getBean(TidemarkObservations.class));
            });
        }
        startup.stop();
        TestObservationRegistryAssert.assertThat(registry)
            .hasObservationWithNameEqualTo("tidemark.run").that()
            .hasContextualNameEqualTo("tidemark expand")
            .hasLowCardinalityKeyValue("tidemark.trigger", "startup")
            .hasLowCardinalityKeyValue("tidemark.outcome", "success")
            .hasHighCardinalityKeyValue("tidemark.applied", "1")
            .hasParentObservationContextMatching((parent) -> parent.getName().equals("application.startup"))
            .hasBeenStopped();
        TestObservationRegistryAssert.assertThat(registry)
            .hasObservationWithNameEqualTo("tidemark.migration.execution").that()
            .hasContextualNameEqualTo("tidemark.migration V1 expand")
            .hasLowCardinalityKeyValue("tidemark.phase", "expand")
            .hasLowCardinalityKeyValue("tidemark.outcome", "success")
            .hasHighCardinalityKeyValue("tidemark.migration.version", "1")
            .hasHighCardinalityKeyValue("tidemark.migration.script", "1.0.0/V1__expand__create_customer.sql")
            .doesNotHaveLowCardinalityKeyValueWithKey("tidemark.migration.version")
            .hasParentObservationContextMatching((parent) -> parent.getName().equals("tidemark.run"))
            .hasBeenStopped();
    }

    @Test
    void observesNothingWithoutAnObservationRegistry() {
        this.runner.withPropertyValues("tidemark.history-table=no_registry_history")
            .withBean(TidemarkMigrationStrategy.class, () -> (tidemark) -> { })
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TidemarkObservations.class));
    }

    @Test
    void observesNothingWithoutMicrometerObservationOnTheClasspath() {
        this.runner.withPropertyValues("tidemark.history-table=no_micrometer_history")
            .withBean(TidemarkMigrationStrategy.class, () -> (tidemark) -> { })
            .withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TidemarkObservations.class));
    }

}
