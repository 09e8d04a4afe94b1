/**
 * Internal: the fleet registry: the instances table, registration with heartbeats, and which
 * instances count as live.
 */
@NullMarked
package dev.tidemark.migration.internal.fleet;

import org.jspecify.annotations.NullMarked;
