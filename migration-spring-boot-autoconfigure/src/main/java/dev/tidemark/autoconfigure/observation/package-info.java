/**
 * Tidemark's Micrometer observations (traces and timers of runs and migrations), when the application has
 * an {@code ObservationRegistry}.
 */
@NullMarked
package dev.tidemark.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
