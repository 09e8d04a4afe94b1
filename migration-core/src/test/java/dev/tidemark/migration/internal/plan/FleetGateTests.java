package dev.tidemark.migration.internal.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.FleetExpectation;
import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.fleet.FleetSnapshot;
import dev.tidemark.migration.internal.fleet.FleetSnapshot.Departed;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence rule for gated work of this code's own release, and what each decision says. */
class FleetGateTests {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static final Version V2 = Version.parse("2.0.0");

    private static final Version V3 = Version.parse("3.0.0");

    private final FleetGate auto = new FleetGate(V3, FleetExpectation.AUTO, Duration.ofMinutes(5), Duration.ofDays(7));

    private final FleetGate single = new FleetGate(V3, FleetExpectation.SINGLE, Duration.ofMinutes(5), Duration.ofDays(7));

    @Test
    void aRegistryThatNeverSawAnotherInstanceProvesNothingForThisCodesOwnRelease() {
        FleetGate.Decision decision = this.auto.decide(V3, fleet(List.of(self(60)), List.of()));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.why()).startsWith("waiting for code newer than 3.0.0: no other instance has registered in the "
                + "fleet registry within the last 7 d").endsWith("(tidemark.fleet.expected=single)");
    }

    @Test
    void aCleanDeregistrationOfAnotherInstanceProvesThatTheFleetRegisters() {
        FleetGate.Decision decision = this.auto.decide(V3, fleet(List.of(self(60)),
                List.of(new Departed("host-a", V2, true, Duration.ofSeconds(200)))));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.why()).isEqualTo("every live instance runs >= 3.0.0, and the fleet registers: host-a (2.0.0) "
                + "deregistered 3 min ago");
    }

    @Test
    void aStaleRowOfACrashedInstanceCountsAsEvidenceToo() {
        FleetGate.Decision decision = this.auto.decide(V3, fleet(List.of(self(60)),
                List.of(new Departed("host-a", V2, false, Duration.ofHours(5)))));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.why()).endsWith("host-a (2.0.0) last heartbeat 5 h ago");
    }

    @Test
    void aLiveOlderInstanceHoldsTheReleaseBackWhateverTheEvidenceOrTheExpectation() {
        FleetSnapshot fleet = fleet(List.of(instance("old", "host-a", "2.0.0", 600), self(3600)),
                List.of(new Departed("host-b", V2, true, Duration.ofSeconds(5))));
        for (FleetGate gate : List.of(this.auto, this.single)) {
            FleetGate.Decision decision = gate.decide(V3, fleet);
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.why()).startsWith("waiting until every instance runs >= 3.0.0; still live below it: host-a");
        }
    }

    @Test
    void anOlderReleasesWorkAppliesOnceNoOlderInstanceIsLive() {
        FleetGate.Decision decision = this.auto.decide(V2, fleet(List.of(self(1)), List.of()));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.why()).isEqualTo("no instance older than 2.0.0 is live and this code (3.0.0) is newer than 2.0.0");
    }

    @Test
    void aSingleInstanceWaitsForTheSettleDelayThenApplies() {
        FleetGate.Decision settling = this.single.decide(V3, fleet(List.of(self(42)), List.of()));
        assertThat(settling.allowed()).isFalse();
        assertThat(settling.why()).isEqualTo("waiting until this instance has been up for 5 min (up 42 s), so that a bad "
                + "release can still be rolled back first: the fleet is expected to be a single instance "
                + "(tidemark.fleet.expected=single) and no older instance is live");
        FleetGate.Decision settled = this.single.decide(V3, fleet(List.of(self(301)), List.of()));
        assertThat(settled.allowed()).isTrue();
        assertThat(settled.why()).endsWith("this instance has been up for 5 min");
    }

    @Test
    void aSingleInstanceThatIsNotRegisteredCannotMeasureItsUptime() {
        FleetGate.Decision decision = this.single.decide(V3, new FleetSnapshot(List.of(), Set.of(), List.of()));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.why()).contains("this instance is not registered in the fleet registry");
    }

    private static FleetSnapshot fleet(List<FleetInstance> live, List<Departed> departed) {
        return new FleetSnapshot(live, Set.of("self"), departed);
    }

    private static FleetInstance self(int upSeconds) {
        return new FleetInstance("self", V3, "host-self", NOW.minusSeconds(upSeconds), NOW, Duration.ZERO);
    }

    private static FleetInstance instance(String id, String host, String version, int upSeconds) {
        return new FleetInstance(id, Version.parse(version), host, NOW.minusSeconds(upSeconds), NOW, Duration.ofSeconds(1));
    }

}
