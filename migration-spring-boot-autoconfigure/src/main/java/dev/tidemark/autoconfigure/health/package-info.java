/**
 * The {@code tidemark} health indicator and its auto-configuration, used when the application has
 * Spring Boot's health support. It belongs in the readiness group, never in liveness.
 */
@NullMarked
package dev.tidemark.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
