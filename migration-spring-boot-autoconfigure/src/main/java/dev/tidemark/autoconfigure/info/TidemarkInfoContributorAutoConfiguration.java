package dev.tidemark.autoconfigure.info;

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.migration.Tidemark;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link TidemarkInfoContributor}, when
 * Actuator is present and {@code management.info.tidemark.enabled} is not {@code false}.
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class)
@ConditionalOnClass({ Tidemark.class, InfoContributor.class, ConditionalOnEnabledInfoContributor.class })
@ConditionalOnSingleCandidate(Tidemark.class)
@ConditionalOnEnabledInfoContributor("tidemark")
public final class TidemarkInfoContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TidemarkInfoContributor tidemarkInfoContributor(Tidemark tidemark) {
        return new TidemarkInfoContributor(tidemark);
    }

}
