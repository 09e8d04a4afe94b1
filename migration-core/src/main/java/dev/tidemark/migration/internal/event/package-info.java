/**
 * Internal: delivers lifecycle events to the configured listeners.
 */
@NullMarked
package dev.tidemark.migration.internal.event;

import org.jspecify.annotations.NullMarked;
