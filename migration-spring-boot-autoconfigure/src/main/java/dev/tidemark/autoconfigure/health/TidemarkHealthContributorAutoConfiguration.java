package dev.tidemark.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkFleetLifecycle;
import dev.tidemark.migration.Tidemark;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link TidemarkHealthIndicator}, when
 * Spring Boot's health support is present and {@code management.health.tidemark.enabled} is not
 * {@code false}.
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class)
@ConditionalOnClass({ Tidemark.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnSingleCandidate(Tidemark.class)
@ConditionalOnEnabledHealthIndicator("tidemark")
public final class TidemarkHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "tidemarkHealthIndicator")
    TidemarkHealthIndicator tidemarkHealthIndicator(Tidemark tidemark, ObjectProvider<TidemarkFleetLifecycle> fleet) {
        return new TidemarkHealthIndicator(tidemark, fleet.getIfUnique());
    }

}
