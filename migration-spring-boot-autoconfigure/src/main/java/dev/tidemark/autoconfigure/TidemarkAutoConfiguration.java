package dev.tidemark.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;

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
 * It applies when there is a {@link DataSource} bean; {@code @ConditionalOnBean} rather than
 * {@code @ConditionalOnSingleCandidate}, because an application with several data sources and no
 * primary must get a clear startup error (mark one {@link TidemarkDataSource @TidemarkDataSource}),
 * not a silent back-off that starts it on an unmigrated schema.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Tidemark.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "tidemark.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TidemarkProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class TidemarkAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TidemarkSchemaManagementProvider tidemarkSchemaManagementProvider(ObjectProvider<Tidemark> tidemarks) {
        return new TidemarkSchemaManagementProvider(tidemarks);
    }

    @Bean
    @ConditionalOnMissingBean
    Tidemark tidemark(TidemarkProperties properties, ResourceLoader resourceLoader,
            ObjectProvider<DataSource> dataSource, @TidemarkDataSource ObjectProvider<DataSource> tidemarkDataSource,
            ObjectProvider<BuildProperties> buildProperties, ObjectProvider<JavaMigration> javaMigrations,
            ObjectProvider<MigrationListener> listeners, ObjectProvider<TidemarkConfigurationCustomizer> customizers,
            ApplicationContext context) {
        DataSource migrated = migrationDataSource(tidemarkDataSource.getIfAvailable(), dataSource, context);
        ConnectionPoolCheck.warnIfTooSmall(migrated);
        TidemarkConfiguration.Builder builder = TidemarkConfiguration.builder()
            .dataSource(migrated)
            .codeVersion(codeVersion(properties, buildProperties.getIfAvailable()));
        ClassLoader classLoader = resourceLoader.getClassLoader();
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
            ObjectProvider<DataSource> dataSource, ApplicationContext context) {
        if (tidemarkDataSource != null) {
            return tidemarkDataSource;
        }
        DataSource unique = dataSource.getIfUnique();
        if (unique != null) {
            return unique;
        }
        Map<String, DataSource> candidates = context.getBeansOfType(DataSource.class);
        throw new TidemarkException(ErrorCode.INVALID_CONFIGURATION, "Tidemark found " + candidates.size()
                + " DataSource beans " + candidates.keySet() + " and cannot tell which database to migrate: none is "
                + "@Primary and none is qualified @TidemarkDataSource. Mark the one to migrate with @TidemarkDataSource.");
    }

}
