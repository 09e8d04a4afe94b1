/**
 * The {@code tidemark} section of {@code /actuator/info}, used when the application has Actuator.
 */
@NullMarked
package dev.tidemark.autoconfigure.info;

import org.jspecify.annotations.NullMarked;
