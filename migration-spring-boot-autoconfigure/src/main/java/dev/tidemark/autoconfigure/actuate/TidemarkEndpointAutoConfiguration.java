package dev.tidemark.autoconfigure.actuate;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.migration.Tidemark;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link TidemarkEndpoint}, when Actuator is
 * present and the endpoint is available (accessible and exposed).
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class)
@ConditionalOnClass({ Tidemark.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(TidemarkEndpoint.class)
public final class TidemarkEndpointAutoConfiguration {

    @Bean
    @ConditionalOnBean(Tidemark.class)
    @ConditionalOnMissingBean
    TidemarkEndpoint tidemarkEndpoint(ApplicationContext context) {
        return new TidemarkEndpoint(context);
    }

    @Bean
    @ConditionalOnBean(TidemarkEndpoint.class)
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = TidemarkEndpoint.class, exposure = EndpointExposure.WEB)
    TidemarkEndpointWebExtension tidemarkEndpointWebExtension(TidemarkEndpoint endpoint) {
        return new TidemarkEndpointWebExtension(endpoint);
    }

}
