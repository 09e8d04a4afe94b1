package dev.tidemark.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import dev.tidemark.migration.Tidemark;

/**
 * Tells Spring Boot that {@link Tidemark} beans take part in database initialization, so that beans
 * using the database also wait for a {@code Tidemark} bean a user declared and migrates from its own
 * init method.
 */
public final class TidemarkDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(Tidemark.class);
    }

}
