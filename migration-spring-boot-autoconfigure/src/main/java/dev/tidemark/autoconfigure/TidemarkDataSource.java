package dev.tidemark.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@link javax.sql.DataSource} Tidemark migrates through when it must differ from the
 * application's, e.g. a direct connection that bypasses a transaction-pooling PgBouncer (session
 * advisory locks, {@code SET lock_timeout} and {@code CREATE INDEX CONCURRENTLY} need a real session).
 * Declare it with {@code @Bean(defaultCandidate = false)} so it does not replace the application's
 * auto-configured {@code DataSource}.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface TidemarkDataSource {

}
