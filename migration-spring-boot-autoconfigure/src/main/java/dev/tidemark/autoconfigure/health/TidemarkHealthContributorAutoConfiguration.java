package dev.tidemark.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkFleetLifecycle;
import dev.tidemark.migration.Tidemark;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@code tidemark} health contributor, when
 * Spring Boot's health support is present: the {@link TidemarkHealthIndicator}, or, when
 * {@code tidemark.enabled=false} or {@code management.health.tidemark.enabled=false}, a stand-in that is
 * always UP, so that a readiness group that includes {@code tidemark} still starts.
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class)
@ConditionalOnClass({ Tidemark.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
public final class TidemarkHealthContributorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(Tidemark.class)
    @ConditionalOnEnabledHealthIndicator("tidemark")
    static class TidemarkHealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "tidemarkHealthIndicator")
        TidemarkHealthIndicator tidemarkHealthIndicator(Tidemark tidemark, ObjectProvider<TidemarkFleetLifecycle> fleet) {
            return new TidemarkHealthIndicator(tidemark, fleet.getIfUnique());
        }

    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(SwitchedOffCondition.class)
    static class SwitchedOffConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "tidemarkHealthIndicator")
        HealthIndicator tidemarkHealthIndicator(Environment environment) {
            return new SwitchedOffTidemarkHealthIndicator(
                    "false".equalsIgnoreCase(environment.getProperty("tidemark.enabled")) ? "tidemark.enabled=false"
                            : "management.health.tidemark.enabled=false");
        }

    }

    /** Tidemark, or its health indicator, is switched off by property. */
    @SuppressWarnings("UnusedNestedClass") // the nested classes are the conditions, read by AnyNestedCondition
    static final class SwitchedOffCondition extends AnyNestedCondition {

        SwitchedOffCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBooleanProperty(name = "tidemark.enabled", havingValue = false)
        private static final class TidemarkDisabled {

        }

        @ConditionalOnBooleanProperty(name = "management.health.tidemark.enabled", havingValue = false)
        private static final class IndicatorDisabled {

        }

    }

}
