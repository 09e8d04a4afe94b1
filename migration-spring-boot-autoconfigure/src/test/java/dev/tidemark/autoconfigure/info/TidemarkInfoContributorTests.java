package dev.tidemark.autoconfigure.info;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkMigrationStrategy;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
class TidemarkInfoContributorTests {

    private final ApplicationContextRunner runner;

    TidemarkInfoContributorTests(TestDatabase database) {
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, TidemarkAutoConfiguration.class,
                    TidemarkInfoContributorAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.user(),
                    "tidemark.code-version=1.0.0", "tidemark.locations=classpath:db/it");
    }

    @Test
    void infoShowsTheCodeVersionTheSchemaVersionAndTheCounts() {
        this.runner.run((context) -> {
            Info.Builder builder = new Info.Builder();
            context.getBean(TidemarkInfoContributor.class).contribute(builder);
            assertThat(builder.build().getDetails()).containsEntry("tidemark", Map.of("codeVersion", "1.0.0",
                    "schemaVersion", "1", "schemaRelease", "1.0.0", "applied", 1L, "pending", 0L, "deferred", 0L,
                    "failed", 0L));
        });
    }

    @Test
    void isAbsentWhenDisabled() {
        this.runner.withPropertyValues("management.info.tidemark.enabled=false", "tidemark.history-table=info_off_history")
            .withBean(TidemarkMigrationStrategy.class, () -> (tidemark) -> { })
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TidemarkInfoContributor.class));
    }

}
