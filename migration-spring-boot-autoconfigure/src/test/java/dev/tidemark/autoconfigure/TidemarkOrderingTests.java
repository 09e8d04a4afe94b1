package dev.tidemark.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** JPA and JDBC users must see the migrated schema: Hibernate validates it while its factory is built. */
@WithPostgres
class TidemarkOrderingTests {

    @Test
    void entityManagerFactoryAndJdbcClientAreCreatedAfterTheStartupMigration(TestDatabase database) {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    JdbcClientAutoConfiguration.class, HibernateJpaAutoConfiguration.class, TidemarkAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.user(),
                    "tidemark.code-version=1.0.0", "tidemark.locations=classpath:db/it",
                    "spring.jpa.hibernate.ddl-auto=validate")
            .withUserConfiguration(Recording.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                List<String> events = context.getBean(Recording.class).events;
                assertThat(events).containsSubsequence("migrated", "created EntityManagerFactory")
                    .containsSubsequence("migrated", "created JdbcClient");
                assertThat(context.getBean(JdbcClient.class).sql("SELECT count(*) FROM customer").query(Long.class).single())
                    .isZero();
            });
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Customer.class)
    static class Recording {

        final List<String> events = new CopyOnWriteArrayList<>();

        // Stands in for expand() until the phases work lands; the ordering does not depend on what the strategy runs.
        @Bean
        TidemarkMigrationStrategy recordingStrategy() {
            return (tidemark) -> {
                tidemark.migrate();
                this.events.add("migrated");
            };
        }

        @Bean
        static BeanPostProcessor creationRecorder(Recording recording) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof EntityManagerFactory) {
                        recording.events.add("created EntityManagerFactory");
                    }
                    if (bean instanceof JdbcClient) {
                        recording.events.add("created JdbcClient");
                    }
                    return bean;
                }
            };
        }

    }

    @Entity
    @Table(name = "customer")
    static class Customer {

        @Id
        Long id;

        String fullName;

    }

}
