package dev.tidemark.autoconfigure.lint;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkConfigurationCustomizer;
import dev.tidemark.migration.Tidemark;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the safety linter: applies the {@code tidemark.lint.*}
 * properties to the core configuration through a {@link TidemarkConfigurationCustomizer} that runs first, so that
 * the application's own customizers can still change them. Startup then lints the pending migrations before
 * applying any ({@code tidemark.lint.mode}).
 */
@AutoConfiguration(before = TidemarkAutoConfiguration.class)
@ConditionalOnClass(Tidemark.class)
@ConditionalOnBooleanProperty(name = "tidemark.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TidemarkLintProperties.class)
public final class TidemarkLintAutoConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    TidemarkConfigurationCustomizer tidemarkLintPropertiesCustomizer(TidemarkLintProperties properties) {
        return (builder) -> builder.lint(properties.settings());
    }

}
