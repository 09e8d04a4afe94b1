package dev.tidemark.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link TidemarkMigrationInitializer} beans initialize the database, so that
 * {@code EntityManagerFactory}, {@code JdbcTemplate}, {@code JdbcClient} and
 * {@code @DependsOnDatabaseInitialization} beans are created only after EXPAND ran.
 */
public final class TidemarkMigrationInitializerDatabaseInitializerDetector
        extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(TidemarkMigrationInitializer.class);
    }

    /** One batch after {@link TidemarkDatabaseInitializerDetector}'s: the initializer needs the facade bean. */
    @Override
    public int getOrder() {
        return 1;
    }

}
