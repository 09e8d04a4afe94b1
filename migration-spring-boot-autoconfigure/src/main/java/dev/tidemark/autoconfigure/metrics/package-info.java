/**
 * Binds Tidemark's Micrometer meters to the application's {@code MeterRegistry}, when the application
 * has Micrometer.
 */
@NullMarked
package dev.tidemark.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
