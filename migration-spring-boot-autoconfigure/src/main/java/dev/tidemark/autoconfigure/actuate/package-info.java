/**
 * The Actuator {@code tidemark} endpoint and its auto-configuration, used when the application has
 * Spring Boot Actuator.
 */
@NullMarked
package dev.tidemark.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
