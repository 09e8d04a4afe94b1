package dev.tidemark.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.micrometer.MigrationObservationConvention;
import dev.tidemark.migration.micrometer.MigrationRunObservationConvention;
import dev.tidemark.migration.micrometer.TidemarkObservations;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of Tidemark's Micrometer {@code Observation}s: a
 * {@code tidemark.run} per migration run (startup, reconciliation pass, request) with a
 * {@code tidemark.migration.execution} per applied migration inside it, so traces show them under the
 * startup span and Boot's observation handlers turn them into timers. A
 * {@link MigrationRunObservationConvention} or {@link MigrationObservationConvention} bean replaces the
 * default naming.
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ Tidemark.class, ObservationRegistry.class })
public final class TidemarkObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TidemarkObservations tidemarkObservations(ObservationRegistry registry,
            ObjectProvider<MigrationRunObservationConvention> runConvention,
            ObjectProvider<MigrationObservationConvention> migrationConvention) {
        return new TidemarkObservations(registry, runConvention.getIfUnique(), migrationConvention.getIfUnique());
    }

}
