package dev.tidemark.migration.internal.fleet;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.Version;

/**
 * What the registry says about the fleet when a plan is made: the live instances, which of them are the
 * planning instance itself, and the other instances that left within the evidence retention. Those
 * departed rows matter because they prove that the fleet registers: once another instance has
 * registered, any older instance would be in the registry too, so an empty live fleet (apart from this
 * instance) means that no older code runs. Thread-safe (immutable).
 *
 * @param live the live instances (heartbeat younger than the stale timeout, not deregistered), oldest first
 * @param selfIds the registry ids of the planning instance
 * @param departed other instances that deregistered or went stale within the retention, most recent first
 */
public record FleetSnapshot(List<FleetInstance> live, Set<String> selfIds, List<Departed> departed) {

    /** Creates the snapshot with immutable copies. */
    public FleetSnapshot {
        live = List.copyOf(live);
        selfIds = Set.copyOf(selfIds);
        departed = List.copyOf(departed);
    }

    /**
     * Sorts the rows of the registry into live instances and departed others.
     * @param rows every row of the registry (the table keeps departed rows for the retention only)
     * @param selfIds the registry ids of the planning instance
     * @param staleTimeout the heartbeat age after which an instance counts as gone
     */
    public static FleetSnapshot of(List<RegistryRow> rows, Set<String> selfIds, Duration staleTimeout) {
        List<FleetInstance> live = LiveFleet.live(rows.stream()
            .filter((row) -> row.deregisteredAgo() == null)
            .map(RegistryRow::instance)
            .toList(), staleTimeout);
        Set<String> liveIds = live.stream().map(FleetInstance::id).collect(Collectors.toSet());
        List<Departed> departed = rows.stream()
            .filter((row) -> !selfIds.contains(row.instance().id()) && !liveIds.contains(row.instance().id()))
            .map(Departed::of)
            .sorted(Comparator.comparing(Departed::ago))
            .toList();
        return new FleetSnapshot(live, selfIds, departed);
    }

    /** Live instances other than the planning one. */
    public List<FleetInstance> others() {
        return this.live.stream().filter((instance) -> !this.selfIds.contains(instance.id())).toList();
    }

    /**
     * How long the planning instance has been registered, by the database clock; empty when it is not
     * registered (or its heartbeat went stale).
     */
    public Optional<Duration> selfUptime() {
        return this.live.stream()
            .filter((instance) -> this.selfIds.contains(instance.id()))
            .map((instance) -> Duration.between(instance.startedAt(), instance.lastHeartbeat()).plus(instance.heartbeatAge()))
            .max(Duration::compareTo);
    }

    /**
     * Another instance that left.
     *
     * @param host its host
     * @param codeVersion the code it ran
     * @param deregistered whether it deregistered cleanly (else its heartbeat went stale)
     * @param ago how long ago it deregistered, or its last heartbeat
     */
    public record Departed(String host, Version codeVersion, boolean deregistered, Duration ago) {

        static Departed of(RegistryRow row) {
            Duration deregisteredAgo = row.deregisteredAgo();
            return (deregisteredAgo != null)
                    ? new Departed(row.instance().host(), row.instance().codeVersion(), true, deregisteredAgo)
                    : new Departed(row.instance().host(), row.instance().codeVersion(), false, row.instance().heartbeatAge());
        }

        /** E.g. {@code host-a (2.0.0) deregistered 3 min ago}. */
        public String describe() {
            return this.host + " (" + this.codeVersion + ") "
                    + (this.deregistered ? "deregistered " : "last heartbeat ") + Ages.describe(this.ago) + " ago";
        }

    }

}
