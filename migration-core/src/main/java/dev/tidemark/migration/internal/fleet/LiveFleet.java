package dev.tidemark.migration.internal.fleet;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import dev.tidemark.migration.FleetInstance;

/**
 * Which registered instances are live. Kept apart from the SQL so the rule can be tested without a
 * database; the heartbeat ages it compares come from the database clock, so host clock skew cannot
 * make an instance look alive or dead. Thread-safe (stateless).
 */
public final class LiveFleet {

    private LiveFleet() {
    }

    /**
     * Keeps the instances whose last heartbeat is younger than the stale timeout; an instance whose
     * heartbeat is exactly as old as the timeout is gone.
     * @param registered every row of the registry
     * @param staleTimeout the age after which an instance counts as gone
     * @return the live instances, oldest registration first
     */
    public static List<FleetInstance> live(List<FleetInstance> registered, Duration staleTimeout) {
        return registered.stream()
            .filter((instance) -> instance.heartbeatAge().compareTo(staleTimeout) < 0)
            .sorted(Comparator.comparing(FleetInstance::startedAt).thenComparing(FleetInstance::id))
            .toList();
    }

}
