package dev.tidemark.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.tidemark.migration.ContractMode;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
@ExtendWith(OutputCaptureExtension.class)
class TidemarkAutoConfigurationTests {

    private final TestDatabase database;

    private final ApplicationContextRunner runner;

    TidemarkAutoConfigurationTests(TestDatabase database) {
        this.database = database;
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, TidemarkAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.user(),
                    "spring.datasource.password=" + database.password(), "tidemark.code-version=1.0.0",
                    "tidemark.locations=classpath:db/it")
            .withUserConfiguration(NoMigrationAtStartup.class);
    }

    @Test
    void createsTheFacadeTheInitializerAndTheFleetLifecycleByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(Tidemark.class)
                .hasSingleBean(TidemarkMigrationInitializer.class)
                .hasSingleBean(TidemarkFleetLifecycle.class)
                .hasSingleBean(TidemarkProperties.class)
                .hasSingleBean(TidemarkSchemaManagementProvider.class);
            assertThat(context.getBean(Tidemark.class).configuration().dataSource()).isSameAs(context.getBean(DataSource.class));
        });
    }

    @Test
    void warnsWhenThePoolIsTooSmallForAMigrationRun(CapturedOutput output) {
        this.runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.pool-name=tiny")
            .run((context) -> assertThat(context).hasSingleBean(Tidemark.class));
        assertThat(output).contains("Tidemark migrates through the HikariCP pool 'tiny', which allows at most 2 connection(s)",
                "Raise spring.datasource.hikari.maximum-pool-size to at least 3");
    }

    @Test
    void saysNothingAboutAPoolLargeEnough(CapturedOutput output) {
        this.runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=3")
            .run((context) -> assertThat(context).hasSingleBean(Tidemark.class));
        assertThat(output).doesNotContain("Tidemark migrates through the HikariCP pool");
    }

    @Test
    void mapsEveryPropertyOntoTheCoreConfiguration() {
        this.runner.withPropertyValues("tidemark.schema=public", "tidemark.history-table=h", "tidemark.instances-table=i",
                "tidemark.lock-wait-timeout=7s", "tidemark.lock-poll-interval=70ms", "tidemark.lock-timeout=3s",
                "tidemark.initial-lock-timeout=30ms", "tidemark.concurrent-lock-timeout=1h", "tidemark.lock-retries=4",
                "tidemark.lock-retry-max-duration=40s", "tidemark.statement-timeout=9s",
                "tidemark.heartbeat-interval=200ms", "tidemark.instance-stale-timeout=2s",
                "tidemark.reconcile-interval=500ms", "tidemark.contract-mode=manual", "tidemark.encoding=ISO-8859-1",
                "tidemark.fail-on-missing-locations=false", "tidemark.fleet.expected=single",
                "tidemark.fleet.settle-delay=90s", "tidemark.fleet.evidence-retention=3d", "tidemark.placeholders.owner=ops",
                "tidemark.placeholders.[flyway.user]=app", "tidemark.placeholder-prefix=#{",
                "tidemark.placeholder-suffix=}#", "tidemark.placeholder-replacement=false", "tidemark.baseline-version=5",
                "tidemark.baseline-release=1.2.0", "tidemark.flyway-history-table=schema_version").run((context) -> {
                    TidemarkConfiguration configuration = context.getBean(Tidemark.class).configuration();
                    assertThat(configuration.codeVersion()).hasToString("1.0.0");
                    assertThat(configuration.sources().locations()).containsExactly("classpath:db/it");
                    assertThat(configuration.tables().schema()).isEqualTo("public");
                    assertThat(configuration.tables().historyTable()).isEqualTo("h");
                    assertThat(configuration.tables().instancesTable()).isEqualTo("i");
                    assertThat(configuration.migrationLock().waitTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(configuration.migrationLock().pollInterval()).isEqualTo(Duration.ofMillis(70));
                    assertThat(configuration.lockSafety().lockTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(configuration.lockSafety().initialLockTimeout()).isEqualTo(Duration.ofMillis(30));
                    assertThat(configuration.lockSafety().concurrentLockTimeout()).isEqualTo(Duration.ofHours(1));
                    assertThat(configuration.lockSafety().retries()).isEqualTo(4);
                    assertThat(configuration.lockSafety().retryMaxDuration()).isEqualTo(Duration.ofSeconds(40));
                    assertThat(configuration.lockSafety().statementTimeout()).isEqualTo(Duration.ofSeconds(9));
                    assertThat(configuration.fleet().heartbeatInterval()).isEqualTo(Duration.ofMillis(200));
                    assertThat(configuration.fleet().instanceStaleTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(configuration.fleet().reconcileInterval()).isEqualTo(Duration.ofMillis(500));
                    assertThat(configuration.fleet().contractMode()).isEqualTo(ContractMode.MANUAL);
                    assertThat(configuration.sources().encoding()).isEqualTo(StandardCharsets.ISO_8859_1);
                    assertThat(configuration.sources().failOnMissingLocations()).isFalse();
                    assertThat(configuration.fleet().expected()).isEqualTo(dev.tidemark.migration.FleetExpectation.SINGLE);
                    assertThat(configuration.fleet().settleDelay()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(configuration.fleet().evidenceRetention()).isEqualTo(Duration.ofDays(3));
                    assertThat(configuration.placeholders().values())
                        .isEqualTo(java.util.Map.of("owner", "ops", "flyway.user", "app"));
                    assertThat(configuration.placeholders().prefix()).isEqualTo("#{");
                    assertThat(configuration.placeholders().suffix()).isEqualTo("}#");
                    assertThat(configuration.placeholders().replacement()).isFalse();
                    assertThat(configuration.adoption().baselineVersion()).hasToString("5");
                    assertThat(configuration.adoption().baselineRelease()).hasToString("1.2.0");
                    assertThat(configuration.adoption().flywayHistoryTable()).isEqualTo("schema_version");
                });
    }

    @Test
    void takesTheCodeVersionFromBuildPropertiesWhenThePropertyIsNotSet() {
        this.runner.withPropertyValues("tidemark.code-version=").withBean(BuildProperties.class, () -> {
            Properties build = new Properties();
            build.setProperty("version", "2.4.0");
            return new BuildProperties(build);
        }).run((context) -> assertThat(context.getBean(Tidemark.class).configuration().codeVersion()).hasToString("2.4.0"));
    }

    @Test
    void failsToStartWithoutAnyCodeVersion() {
        this.runner.withPropertyValues("tidemark.code-version=")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(MissingCodeVersionException.class));
    }

    @Test
    void backsOffWhenDisabled() {
        this.runner.withPropertyValues("tidemark.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(Tidemark.class).doesNotHaveBean(TidemarkMigrationInitializer.class));
    }

    @Test
    void backsOffWithoutADataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class))
            .withPropertyValues("tidemark.code-version=1.0.0")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Tidemark.class));
    }

    @Test
    void backsOffFromBeansTheApplicationDefines() {
        this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasSingleBean(Tidemark.class).hasSingleBean(TidemarkMigrationInitializer.class)
                .hasSingleBean(TidemarkFleetLifecycle.class);
            assertThat(context.getBean(Tidemark.class)).isSameAs(context.getBean(UserBeans.class).tidemark);
            assertThat(context).getBean("userInitializer").isSameAs(context.getBean(TidemarkMigrationInitializer.class));
            assertThat(context).getBean("userFleet").isSameAs(context.getBean(TidemarkFleetLifecycle.class));
        });
    }

    @Test
    void migratesThroughTheTidemarkDataSourceWhenOneIsQualified() {
        this.runner.withUserConfiguration(DedicatedDataSource.class)
            .withPropertyValues("dedicated.url=" + this.database.jdbcUrl(), "dedicated.user=" + this.database.user())
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Tidemark.class).configuration().dataSource())
                    .isSameAs(context.getBean(DedicatedDataSource.class).dedicated);
                assertThat(context.getBean(DataSource.class)).isNotSameAs(context.getBean(DedicatedDataSource.class).dedicated);
            });
    }

    @Test
    void appliesCustomizersAndListenerBeans() {
        this.runner.withUserConfiguration(CustomizerAndListener.class).run((context) -> {
            TidemarkConfiguration configuration = context.getBean(Tidemark.class).configuration();
            assertThat(configuration.fleet().host()).isEqualTo("customized-host");
            assertThat(configuration.listeners()).contains(context.getBean(CustomizerAndListener.class).listener);
        });
    }

    @Test
    void runsTheApplicationsStrategyDuringRefresh() {
        List<String> calls = new ArrayList<>();
        this.runner.withBean("strategy", TidemarkMigrationStrategy.class, () -> (tidemark) -> calls.add("strategy"))
            .run((context) -> assertThat(calls).containsExactly("strategy"));
    }

    /** Needs the phases work: the default strategy calls {@link Tidemark#expand()}. */
    @Test
    void runsExpandByDefault() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, TidemarkAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + this.database.jdbcUrl(),
                    "spring.datasource.username=" + this.database.user(), "tidemark.code-version=1.0.0",
                    "tidemark.locations=classpath:db/it", "tidemark.history-table=expand_history")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Tidemark.class).info()).extracting(MigrationInfo::state)
                    .containsOnly(MigrationState.APPLIED);
            });
    }

    @Test
    void reportsTheMigratedDataSourceAsManagedSoHibernateLeavesTheSchemaAlone() {
        this.runner.run((context) -> {
            TidemarkSchemaManagementProvider provider = context.getBean(TidemarkSchemaManagementProvider.class);
            assertThat(provider.getSchemaManagement(context.getBean(DataSource.class))).isEqualTo(SchemaManagement.MANAGED);
            assertThat(provider.getSchemaManagement(new SimpleDriverDataSource())).isEqualTo(SchemaManagement.UNMANAGED);
        });
    }

    @Test
    void anInstanceThatCannotRegisterInTheFleetDoesNotStart() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class))
            .withPropertyValues("tidemark.code-version=1.0.0")
            .withBean(DataSource.class, () -> new SimpleDriverDataSource(new org.postgresql.Driver(),
                    "jdbc:postgresql://127.0.0.1:1/unreachable"))
            .run((context) -> assertThat(context).getFailure()
                .hasMessageContaining("could not register in the fleet registry, so it does not start"));
    }

    @Test
    void failsClearlyWithTwoDataSourcesAndNeitherPrimaryNorQualified() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class))
            .withPropertyValues("tidemark.code-version=1.0.0")
            .withBean("one", DataSource.class, SimpleDriverDataSource::new)
            .withBean("two", DataSource.class, SimpleDriverDataSource::new)
            .run((context) -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("found 2 DataSource beans [one, two]")
                .hasMessageContaining("@TidemarkDataSource"));
    }

    @Configuration(proxyBeanMethods = false)
    static class NoMigrationAtStartup {

        @Bean
        TidemarkMigrationStrategy noMigrationAtStartup() {
            return (tidemark) -> { };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        final Tidemark tidemark;

        UserBeans(DataSource dataSource) {
            this.tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(dataSource).codeVersion("9.9.9").build());
        }

        @Bean
        Tidemark userTidemark() {
            return this.tidemark;
        }

        @Bean
        TidemarkMigrationInitializer userInitializer() {
            return new TidemarkMigrationInitializer(this.tidemark, (tidemark) -> { }, null);
        }

        @Bean
        TidemarkFleetLifecycle userFleet() {
            return new TidemarkFleetLifecycle(this.tidemark);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class DedicatedDataSource {

        /** A second, unpooled connection to the same test database (the instance registers through it). */
        final SimpleDriverDataSource dedicated;

        DedicatedDataSource(org.springframework.core.env.Environment environment) {
            this.dedicated = new SimpleDriverDataSource(new org.postgresql.Driver(),
                    environment.getRequiredProperty("dedicated.url"), environment.getRequiredProperty("dedicated.user"), "");
        }

        @Bean(defaultCandidate = false)
        @TidemarkDataSource
        DataSource tidemarkDataSource() {
            return this.dedicated;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerAndListener {

        final MigrationListener listener = new MigrationListener() { };

        @Bean
        TidemarkConfigurationCustomizer hostCustomizer() {
            return (builder) -> builder.host("customized-host");
        }

        @Bean
        MigrationListener recordingListener() {
            return this.listener;
        }

    }

}
