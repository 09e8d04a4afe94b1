package dev.tidemark.migration.internal.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.tidemark.migration.FleetExpectation;
import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.fleet.Ages;
import dev.tidemark.migration.internal.fleet.FleetSnapshot;

/**
 * The fleet condition of gated (MIGRATE and CONTRACT) migrations: may a migration of release R apply
 * now, given the registry? Each answer comes with the sentence that explains it, which reaches the
 * deferral reason, the endpoint and the logs. The rules, in order:
 * <ol>
 *   <li>A live instance running code older than R holds it back.</li>
 *   <li>Code strictly newer than R applies it: no older instance is live, and this code was written
 *       after R's code, which no longer needs the old shape.</li>
 *   <li>For this code's own release, there must be evidence that no unregistered older code runs:
 *       <ul>
 *         <li>{@link FleetExpectation#SINGLE}: the deployment says it runs one instance; this instance
 *             must have been up for the settle delay, so a bad release can still be rolled back.</li>
 *         <li>{@link FleetExpectation#AUTO}: another instance's row, live or departed within the
 *             retention, proves that the fleet registers; without one the registry proves nothing, and
 *             R waits for newer code.</li>
 *       </ul></li>
 * </ol>
 * No JDBC, no clock: ages come from the snapshot. Thread-safe (immutable).
 */
final class FleetGate {

    private final Version codeVersion;

    private final FleetExpectation expected;

    private final Duration settleDelay;

    private final Duration retention;

    FleetGate(Version codeVersion, FleetExpectation expected, Duration settleDelay, Duration retention) {
        this.codeVersion = codeVersion;
        this.expected = expected;
        this.settleDelay = settleDelay;
        this.retention = retention;
    }

    /**
     * Decides whether gated work of the release may apply.
     * @param release a release no newer than this code
     */
    Decision decide(Version release, FleetSnapshot fleet) {
        List<FleetInstance> below = fleet.live().stream()
            .filter((instance) -> instance.codeVersion().compareTo(release) < 0)
            .toList();
        if (!below.isEmpty()) {
            return Decision.waiting("waiting until every instance runs >= " + release + "; still live below it: "
                    + describe(below));
        }
        if (this.codeVersion.compareTo(release) > 0) {
            return Decision.allowed("no instance older than " + release + " is live and this code (" + this.codeVersion
                    + ") is newer than " + release);
        }
        return (this.expected == FleetExpectation.SINGLE) ? single(fleet) : evidence(release, fleet);
    }

    private Decision single(FleetSnapshot fleet) {
        Optional<Duration> uptime = fleet.selfUptime();
        String expectation = "the fleet is expected to be a single instance (tidemark.fleet.expected=single)";
        if (uptime.isEmpty()) {
            return Decision.waiting("waiting until this instance has been registered for " + Ages.describe(this.settleDelay)
                    + ": " + expectation + ", and this instance is not registered in the fleet registry");
        }
        if (uptime.get().compareTo(this.settleDelay) < 0) {
            return Decision.waiting("waiting until this instance has been up for " + Ages.describe(this.settleDelay)
                    + " (up " + Ages.describe(uptime.get()) + "), so that a bad release can still be rolled back first: "
                    + expectation + " and no older instance is live");
        }
        return Decision.allowed(expectation + ", no older instance is live and this instance has been up for "
                + Ages.describe(uptime.get()));
    }

    private Decision evidence(Version release, FleetSnapshot fleet) {
        List<FleetInstance> others = fleet.others();
        if (!others.isEmpty()) {
            return Decision.allowed("every live instance runs >= " + release + " (" + others.size()
                    + " other live instance" + ((others.size() > 1) ? "s" : "") + " registered)");
        }
        if (!fleet.departed().isEmpty()) {
            return Decision.allowed("every live instance runs >= " + release + ", and the fleet registers: "
                    + fleet.departed().get(0).describe());
        }
        return Decision.waiting("waiting for code newer than " + release + ": no other instance has registered in the "
                + "fleet registry within the last " + Ages.describe(this.retention) + " (none live, none deregistered, "
                + "none gone stale), so instances running older code that do not register cannot be ruled out (this "
                + "instance runs " + this.codeVersion + "); if this deployment only ever runs one instance, expect a "
                + "single instance (tidemark.fleet.expected=single)");
    }

    /** Lists instances as {@code host-a (2.3.1, heartbeat 4 s ago)}, adding the id where hosts repeat. */
    static String describe(List<FleetInstance> instances) {
        Map<String, Long> perHost = instances.stream()
            .collect(Collectors.groupingBy(FleetInstance::host, Collectors.counting()));
        return instances.stream()
            .map((instance) -> instance.host()
                    + ((perHost.getOrDefault(instance.host(), 0L) > 1) ? " [" + shortId(instance.id()) + "]" : "")
                    + " (" + instance.codeVersion() + ", heartbeat " + instance.heartbeatAge().toSeconds() + " s ago)")
            .collect(Collectors.joining(", "));
    }

    private static String shortId(String id) {
        return (id.length() > 8) ? id.substring(0, 8) : id;
    }

    /**
     * The answer for one release.
     *
     * @param allowed whether its gated work may apply now
     * @param why the reason it waits, or what allows it
     */
    record Decision(boolean allowed, String why) {

        static Decision allowed(String why) {
            return new Decision(true, why);
        }

        static Decision waiting(String why) {
            return new Decision(false, why);
        }

    }

}
