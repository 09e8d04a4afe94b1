/**
 * Tidemark's connection from a {@code @ServiceConnection} PostgreSQL container, for tests and development
 * runs that use {@code spring-boot-testcontainers}.
 */
@NullMarked
package dev.tidemark.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
