/**
 * Spring Boot auto-configuration for Tidemark: {@link dev.tidemark.autoconfigure.TidemarkAutoConfiguration}
 * binds {@code tidemark.*} properties, runs EXPAND during context refresh before any JDBC or JPA user is
 * created, registers the instance in the fleet and reconciles deferred work in the background.
 */
@NullMarked
package dev.tidemark.autoconfigure;

import org.jspecify.annotations.NullMarked;
