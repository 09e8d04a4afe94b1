/**
 * Tidemark's connection from a Docker Compose database service, for applications that use
 * {@code spring-boot-docker-compose}.
 */
@NullMarked
package dev.tidemark.autoconfigure.docker.compose;

import org.jspecify.annotations.NullMarked;
