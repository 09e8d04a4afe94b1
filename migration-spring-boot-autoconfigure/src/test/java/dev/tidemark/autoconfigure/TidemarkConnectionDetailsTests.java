package dev.tidemark.autoconfigure;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** Which connection Tidemark migrates through: properties, connection details beans, or the application's. */
@WithPostgres
class TidemarkConnectionDetailsTests {

    private final TestDatabase database;

    private final ApplicationContextRunner runner;

    TidemarkConnectionDetailsTests(TestDatabase database) {
        this.database = database;
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class))
            .withPropertyValues("tidemark.code-version=1.0.0", "tidemark.locations=classpath:db/it");
    }

    @Test
    void migratesThroughTidemarkUrlUserAndPasswordInsteadOfTheApplicationsDataSource() {
        this.runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/unreachable",
                    "tidemark.url=" + this.database.jdbcUrl(), "tidemark.user=" + this.database.user(),
                    "tidemark.password=" + this.database.password(), "tidemark.history-table=url_history")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                DataSource migrating = context.getBean(Tidemark.class).configuration().dataSource();
                assertThat(migrating).isNotSameAs(context.getBean(DataSource.class))
                    .isInstanceOfSatisfying(SimpleDriverDataSource.class, (simple) -> {
                        assertThat(simple.getUrl()).isEqualTo(this.database.jdbcUrl());
                        assertThat(simple.getUsername()).isEqualTo(this.database.user());
                    });
                // The application's URL points nowhere: EXPAND ran through tidemark.url.
                assertThat(context.getBean(Tidemark.class).info()).extracting(MigrationInfo::state)
                    .containsOnly(MigrationState.APPLIED);
            });
    }

    @Test
    void migratesTheApplicationsDatabaseAsTidemarkUserWhenNoUrlIsSet() {
        this.runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + this.database.jdbcUrl(), "spring.datasource.username=nobody",
                    "tidemark.user=" + this.database.user(), "tidemark.password=" + this.database.password(),
                    "tidemark.history-table=user_history")
            .withUserConfiguration(TidemarkAutoConfigurationTests.NoMigrationAtStartup.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Tidemark.class).configuration().dataSource())
                    .isInstanceOfSatisfying(SimpleDriverDataSource.class, (simple) -> {
                        assertThat(simple.getUrl()).isEqualTo(this.database.jdbcUrl());
                        assertThat(simple.getUsername()).isEqualTo(this.database.user());
                    });
                // Reading the history proves the connection works; the database user "nobody" does not exist.
                assertThat(context.getBean(Tidemark.class).info()).extracting(MigrationInfo::state)
                    .containsOnly(MigrationState.PENDING);
            });
    }

    @Test
    void needsNoApplicationDataSourceWhenTidemarkUrlIsSet() {
        this.runner.withPropertyValues("tidemark.url=" + this.database.jdbcUrl(), "tidemark.user=" + this.database.user(),
                "tidemark.history-table=alone_history")
            .withUserConfiguration(TidemarkAutoConfigurationTests.NoMigrationAtStartup.class)
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(Tidemark.class).doesNotHaveBean(DataSource.class);
                assertThat(context.getBean(Tidemark.class).info()).extracting(MigrationInfo::state)
                    .containsOnly(MigrationState.PENDING);
            });
    }

    @Test
    void aConnectionDetailsBeanReplacesTheProperties() {
        this.runner.withPropertyValues("tidemark.url=jdbc:postgresql://127.0.0.1:1/unreachable",
                "tidemark.history-table=details_history")
            .withBean(TidemarkConnectionDetails.class, () -> new Fixed(this.database))
            .withUserConfiguration(TidemarkAutoConfigurationTests.NoMigrationAtStartup.class)
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(TidemarkConnectionDetails.class)
                    .doesNotHaveBean(PropertiesTidemarkConnectionDetails.class);
                assertThat(context.getBean(Tidemark.class).configuration().dataSource())
                    .isInstanceOfSatisfying(SimpleDriverDataSource.class,
                            (simple) -> assertThat(simple.getUrl()).isEqualTo(this.database.jdbcUrl()));
            });
    }

    @Test
    void aTidemarkDataSourceBeanWinsOverTidemarkUrl() {
        this.runner.withPropertyValues("tidemark.url=jdbc:postgresql://127.0.0.1:1/unreachable",
                "dedicated.url=" + this.database.jdbcUrl(), "dedicated.user=" + this.database.user())
            .withUserConfiguration(TidemarkAutoConfigurationTests.DedicatedDataSource.class)
            .withUserConfiguration(TidemarkAutoConfigurationTests.NoMigrationAtStartup.class)
            .run((context) -> assertThat(context.getBean(Tidemark.class).configuration().dataSource())
                .isSameAs(context.getBean(TidemarkAutoConfigurationTests.DedicatedDataSource.class).dedicated));
    }

    @Test
    void backsOffWithNoDataSourceNoUrlAndNoConnectionDetails() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Tidemark.class));
    }

    @Test
    void dockerComposeDatabaseServicesProvideTidemarksConnection() {
        JdbcConnectionDetails jdbc = new JdbcConnectionDetails() {

            @Override
            public String getJdbcUrl() {
                return "jdbc:postgresql://compose-host:5432/app";
            }

            @Override
            public String getUsername() {
                return "app";
            }

            @Override
            public String getPassword() {
                return "secret";
            }

        };
        Map<Class<?>, ConnectionDetails> details = new ConnectionDetailsFactories(getClass().getClassLoader())
            .getConnectionDetails(jdbc, true);
        assertThat(details.get(TidemarkConnectionDetails.class)).isInstanceOfSatisfying(TidemarkConnectionDetails.class,
                (tidemark) -> {
                    assertThat(tidemark.getJdbcUrl()).isEqualTo("jdbc:postgresql://compose-host:5432/app");
                    assertThat(tidemark.getUsername()).isEqualTo("app");
                    assertThat(tidemark.getPassword()).isEqualTo("secret");
                    assertThat(tidemark.getDriverClassName()).isEqualTo("org.postgresql.Driver");
                });
    }

    @Test
    void serviceConnectionPostgresContainersProvideTidemarksConnection() {
        // No Docker engine here to start a container: check that a factory for PostgreSQL containers is registered.
        List<Class<?>> containerTypes = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            // Boot's own factories for absent client libraries (ClickHouse, ...) cannot load here: skip them.
            .load(ConnectionDetailsFactory.class, FailureHandler.handleMessage((message, failure) -> { }))
            .stream()
            .map((factory) -> ResolvableType.forClass(ContainerConnectionDetailsFactory.class, factory.getClass()))
            .filter((type) -> type.resolveGeneric(1) == TidemarkConnectionDetails.class)
            .<Class<?>>map((type) -> type.resolveGeneric(0))
            .toList();
        assertThat(containerTypes).containsExactly(PostgreSQLContainer.class);
    }

    private record Fixed(TestDatabase database) implements TidemarkConnectionDetails {

        @Override
        public String getJdbcUrl() {
            return this.database.jdbcUrl();
        }

        @Override
        public String getUsername() {
            return this.database.user();
        }

        @Override
        public @Nullable String getPassword() {
            return this.database.password();
        }

    }

}
