package dev.tidemark.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.tidemark.autoconfigure.aot.TidemarkRuntimeHints;
import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.JavaMigration;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.migration.TidemarkException;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Tidemark: a {@link Tidemark} bean built from the
 * {@code tidemark.*} properties, a {@link TidemarkMigrationInitializer} that runs EXPAND during refresh
 * before any bean that uses the database, and a {@link TidemarkFleetLifecycle} that registers the
 * instance and reconciles deferred work in the background. Every bean backs off when the application
 * defines its own.
 * <p>
 * It applies when there is a {@link DataSource} bean, a {@code tidemark.url} or a
 * {@link TidemarkConnectionDetails} bean (e.g. from {@code @ServiceConnection}); a {@code DataSource}
 * bean rather than a single candidate, because an application with several data sources and no
 * primary must get a clear startup error (mark one {@link TidemarkDataSource @TidemarkDataSource}),
 * not a silent back-off that starts it on an unmigrated schema.
 * <p>
 * Which connection Tidemark migrates through, first match wins: a {@code @TidemarkDataSource} bean; the
 * {@link TidemarkConnectionDetails}' URL (by default {@code tidemark.url}); the application's
 * {@code DataSource} with the connection details' user ({@code tidemark.user}); the application's
 * {@code DataSource}. The first three open a plain, unpooled connection per use, as Spring Boot's
 * Flyway integration does: migrations, heartbeats and reconciliation need few and short-lived ones.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Tidemark.class)
@Conditional(TidemarkAutoConfiguration.TidemarkDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "tidemark.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TidemarkProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(TidemarkRuntimeHints.class)
public final class TidemarkAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TidemarkConnectionDetails.class)
    PropertiesTidemarkConnectionDetails tidemarkConnectionDetails(TidemarkProperties properties) {
        return new PropertiesTidemarkConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    TidemarkSchemaManagementProvider tidemarkSchemaManagementProvider(ObjectProvider<Tidemark> tidemarks) {
        return new TidemarkSchemaManagementProvider(tidemarks);
    }

    @Bean
    @ConditionalOnMissingBean
    Tidemark tidemark(TidemarkProperties properties, ResourceLoader resourceLoader,
            ObjectProvider<DataSource> dataSource, @TidemarkDataSource ObjectProvider<DataSource> tidemarkDataSource,
            TidemarkConnectionDetails connectionDetails, ObjectProvider<BuildProperties> buildProperties, ObjectProvider<JavaMigration> javaMigrations,
            ObjectProvider<MigrationListener> listeners, ObjectProvider<TidemarkConfigurationCustomizer> customizers,
            ApplicationContext context) {
        ClassLoader classLoader = resourceLoader.getClassLoader();
        DataSource migrated = migrationDataSource(tidemarkDataSource.getIfAvailable(), connectionDetails, dataSource,
                classLoader, context);
        ConnectionPoolCheck.warnIfTooSmall(migrated);
        TidemarkConfiguration.Builder builder = TidemarkConfiguration.builder()
            .dataSource(migrated)
            .codeVersion(codeVersion(properties, buildProperties.getIfAvailable()));
        if (classLoader != null) {
            builder.classLoader(classLoader);
        }
        configureProperties(builder, properties);
        builder.javaMigrations(javaMigrations.orderedStream().toList());
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return new Tidemark(builder.build());
    }

    @Bean
    @ConditionalOnMissingBean
    TidemarkFleetLifecycle tidemarkFleetLifecycle(Tidemark tidemark) {
        return new TidemarkFleetLifecycle(tidemark);
    }

    @Bean
    @ConditionalOnMissingBean
    TidemarkMigrationInitializer tidemarkMigrationInitializer(Tidemark tidemark,
            ObjectProvider<TidemarkMigrationStrategy> strategy, ObjectProvider<TidemarkFleetLifecycle> fleet) {
        return new TidemarkMigrationInitializer(tidemark, strategy.getIfAvailable(), fleet.getIfUnique());
    }

    private static void configureProperties(TidemarkConfiguration.Builder builder, TidemarkProperties properties) {
        PropertyMapper map = PropertyMapper.get();
        map.from(properties.getLocations()).to(builder::locations);
        map.from(properties.getEncoding()).to(builder::encoding);
        map.from(properties.isFailOnMissingLocations()).to(builder::failOnMissingLocations);
        map.from(properties.getSchema()).whenHasText().to(builder::schema);
        map.from(properties.getHistoryTable()).to(builder::historyTable);
        map.from(properties.getInstancesTable()).to(builder::instancesTable);
        map.from(properties.getLockWaitTimeout()).to(builder::lockWaitTimeout);
        map.from(properties.getLockPollInterval()).to(builder::lockPollInterval);
        map.from(properties.getLockTimeout()).to(builder::lockTimeout);
        map.from(properties.getInitialLockTimeout()).to(builder::initialLockTimeout);
        map.from(properties.getConcurrentLockTimeout()).to(builder::concurrentLockTimeout);
        map.from(properties.getLockRetries()).to(builder::lockRetries);
        map.from(properties.getLockRetryMaxDuration()).to(builder::lockRetryMaxDuration);
        map.from(properties.getLockRetryBackoff()).to(builder::lockRetryBackoff);
        map.from(properties.getLockRetryMaxBackoff()).to(builder::lockRetryMaxBackoff);
        map.from(properties.getLockWatchdogInterval()).to(builder::lockWatchdogInterval);
        map.from(properties.isCancelWhenBlocking()).to(builder::cancelWhenBlocking);
        map.from(properties.getStatementTimeout()).to(builder::statementTimeout);
        map.from(properties.getHeartbeatInterval()).to(builder::heartbeatInterval);
        map.from(properties.getInstanceStaleTimeout()).to(builder::instanceStaleTimeout);
        map.from(properties.getReconcileInterval()).to(builder::reconcileInterval);
        map.from(properties.getContractMode()).to(builder::contractMode);
        map.from(properties.getFleet().getExpected()).to(builder::fleetExpected);
        map.from(properties.getFleet().getSettleDelay()).to(builder::settleDelay);
        map.from(properties.getFleet().getEvidenceRetention()).to(builder::evidenceRetention);
        map.from(properties.getPlaceholders()).to(builder::placeholders);
        map.from(properties.getPlaceholderPrefix()).to(builder::placeholderPrefix);
        map.from(properties.getPlaceholderSuffix()).to(builder::placeholderSuffix);
        map.from(properties.isPlaceholderReplacement()).to(builder::placeholderReplacement);
        map.from(properties.getBaselineVersion()).whenHasText().to(builder::baselineVersion);
        map.from(properties.getBaselineRelease()).to(builder::baselineRelease);
        map.from(properties.getFlywayHistoryTable()).to(builder::flywayHistoryTable);
    }

    private static DataSourceBuilder<?> credentials(DataSourceBuilder<?> builder, TidemarkConnectionDetails details) {
        PropertyMapper map = PropertyMapper.get();
        map.from(details.getUsername()).to(builder::username);
        map.from(details.getPassword()).to(builder::password);
        return builder;
    }

    private static String codeVersion(TidemarkProperties properties, @Nullable BuildProperties buildProperties) {
        String version = properties.getCodeVersion();
        if ((version == null || version.isBlank()) && buildProperties != null) {
            version = buildProperties.getVersion();
        }
        if (version == null || version.isBlank()) {
            throw new MissingCodeVersionException();
        }
        return version;
    }

    private static DataSource migrationDataSource(@Nullable DataSource tidemarkDataSource,
            TidemarkConnectionDetails connectionDetails, ObjectProvider<DataSource> dataSource,
            @Nullable ClassLoader classLoader, ApplicationContext context) {
        if (tidemarkDataSource != null) {
            return tidemarkDataSource;
        }
        String url = connectionDetails.getJdbcUrl();
        if (url != null && !url.isBlank()) {
            DataSourceBuilder<?> builder = DataSourceBuilder.create(classLoader).type(SimpleDriverDataSource.class).url(url);
            PropertyMapper.get().from(connectionDetails.getDriverClassName()).to(builder::driverClassName);
            return credentials(builder, connectionDetails).build();
        }
        DataSource unique = dataSource.getIfUnique();
        String user = connectionDetails.getUsername();
        if (unique != null && user != null && !user.isBlank()) {
            // The application's database, as another user: derived keeps its URL and driver.
            return credentials(DataSourceBuilder.derivedFrom(unique).type(SimpleDriverDataSource.class),
                    connectionDetails).build();
        }
        if (unique != null) {
            return unique;
        }
        Map<String, DataSource> candidates = context.getBeansOfType(DataSource.class);
        throw new TidemarkException(ErrorCode.INVALID_CONFIGURATION, "Tidemark found " + candidates.size()
                + " DataSource beans " + candidates.keySet() + " and cannot tell which database to migrate: none is "
                + "@Primary and none is qualified @TidemarkDataSource. Mark the one to migrate with @TidemarkDataSource.");
    }

    /**
     * Tidemark has a database to migrate: a {@code DataSource} bean, {@code tidemark.url}, or connection
     * details (a {@code @ServiceConnection} container, Docker Compose, or the application's own bean).
     */
    @SuppressWarnings("UnusedNestedClass") // the nested classes are the conditions, read by AnyNestedCondition
    static final class TidemarkDataSourceCondition extends AnyNestedCondition {

        TidemarkDataSourceCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class DataSourceBeanCondition {

        }

        @ConditionalOnProperty("tidemark.url")
        private static final class TidemarkUrlCondition {

        }

        @ConditionalOnBean(TidemarkConnectionDetails.class)
        private static final class TidemarkConnectionDetailsCondition {

        }

    }

}
