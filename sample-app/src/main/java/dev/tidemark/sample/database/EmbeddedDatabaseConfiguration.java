package dev.tidemark.sample.database;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Gives the sample an embedded PostgreSQL when no other database answers. The
 * {@link EmbeddedSampleDatabase} is a {@code JdbcConnectionDetails} bean, the way Docker Compose and
 * Testcontainers hand Spring Boot a database, so the auto-configured {@code DataSource} — and with it
 * Tidemark — connects to it instead of {@code spring.datasource.url}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseAnswersCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    @Bean
    EmbeddedSampleDatabase embeddedSampleDatabase(EmbeddedDatabaseProperties properties, Environment environment) {
        return EmbeddedSampleDatabase.startOrJoin(properties, environment.getProperty("spring.datasource.url", ""));
    }

}
