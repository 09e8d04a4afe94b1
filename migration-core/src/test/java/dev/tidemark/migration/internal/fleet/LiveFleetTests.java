package dev.tidemark.migration.internal.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.Version;

import static org.assertj.core.api.Assertions.assertThat;

class LiveFleetTests {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void anInstanceWhoseHeartbeatIsAsOldAsTheTimeoutIsGone() {
        List<FleetInstance> registered = List.of(instance("fresh", 0, 10), instance("recent", 44, 20),
                instance("boundary", 45, 30), instance("stale", 3600, 40));
        assertThat(LiveFleet.live(registered, Duration.ofSeconds(45))).extracting(FleetInstance::id)
            .containsExactly("recent", "fresh");
    }

    @Test
    void anEmptyRegistryHasNoLiveInstance() {
        assertThat(LiveFleet.live(List.of(), Duration.ofSeconds(45))).isEmpty();
    }

    @Test
    void liveInstancesAreListedOldestRegistrationFirst() {
        List<FleetInstance> registered = List.of(instance("b", 1, 5), instance("a", 1, 50), instance("c", 1, 5));
        assertThat(LiveFleet.live(registered, Duration.ofSeconds(45))).extracting(FleetInstance::id)
            .containsExactly("a", "b", "c");
    }

    private static FleetInstance instance(String id, int heartbeatSecondsAgo, int startedSecondsAgo) {
        return new FleetInstance(id, Version.parse("1.0.0"), "host-" + id, NOW.minusSeconds(startedSecondsAgo),
                NOW.minusSeconds(heartbeatSecondsAgo), Duration.ofSeconds(heartbeatSecondsAgo));
    }

}
