package dev.tidemark.migration.internal.fleet;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.FleetInstance;

/**
 * One row of the fleet registry, live or departed.
 *
 * @param instance the instance as registered, with its heartbeat age by the database clock
 * @param deregisteredAgo how long ago it deregistered cleanly, or {@code null} while it has not
 */
public record RegistryRow(FleetInstance instance, @Nullable Duration deregisteredAgo) {
}
