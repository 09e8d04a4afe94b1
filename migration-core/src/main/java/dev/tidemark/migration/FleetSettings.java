package dev.tidemark.migration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How this instance takes part in the fleet: its heartbeat in the registry, when other instances count
 * as gone, how often deferred MIGRATE and CONTRACT work is re-planned and whether it is applied
 * automatically, and what counts as evidence that no older code runs. Validated when built.
 *
 * @param heartbeatInterval the interval between two heartbeats in the fleet registry
 * @param instanceStaleTimeout the age of an instance's last heartbeat after which it counts as gone
 * @param reconcileInterval the interval between two re-plans of deferred work
 * @param contractMode whether deferred work is applied automatically or only on request
 * @param configuredHost the host name recorded in the history and the registry, or {@code null} for this
 *        machine's name (see {@link #host()})
 * @param expected what the deployment says about its fleet: let the registry decide, or a single instance
 * @param settleDelay with {@link FleetExpectation#SINGLE}: how long this instance must have been up before
 *        gated work of its own release applies
 * @param evidenceRetention how long the rows of instances that left (deregistered or went stale) are kept
 *        and count as evidence that the fleet registers
 */
public record FleetSettings(Duration heartbeatInterval, Duration instanceStaleTimeout, Duration reconcileInterval,
        ContractMode contractMode, @Nullable String configuredHost, FleetExpectation expected, Duration settleDelay,
        Duration evidenceRetention) {

    /**
     * The defaults: a heartbeat every 10 s, gone after 45 s, re-planned every 30 s, applied automatically;
     * the registry decides, a single instance settles for 5 minutes, departed rows count for 7 days.
     */
    public static final FleetSettings DEFAULTS = new FleetSettings(Duration.ofSeconds(10), Duration.ofSeconds(45),
            Duration.ofSeconds(30), ContractMode.AUTOMATIC, null, FleetExpectation.AUTO, Duration.ofMinutes(5),
            Duration.ofDays(7));

    /**
     * Validates the values.
     * @throws InvalidConfigurationException naming the option at fault
     */
    public FleetSettings {
        Options.atLeastOneMillisecond("heartbeatInterval", heartbeatInterval);
        Options.atLeastOneMillisecond("instanceStaleTimeout", instanceStaleTimeout);
        Options.atLeastOneMillisecond("reconcileInterval", reconcileInterval);
        if (instanceStaleTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new InvalidConfigurationException("instanceStaleTimeout", "(" + instanceStaleTimeout
                    + ") must be longer than heartbeatInterval (" + heartbeatInterval
                    + "), or live instances would count as gone");
        }
        if (contractMode == null) {
            throw new InvalidConfigurationException("contractMode", "must be AUTOMATIC or MANUAL");
        }
        if (expected == null) {
            throw new InvalidConfigurationException("fleetExpected", "must be AUTO or SINGLE");
        }
        if (settleDelay == null || settleDelay.isNegative()) {
            throw new InvalidConfigurationException("settleDelay", "must be zero or positive but was " + settleDelay);
        }
        Options.atLeastOneMillisecond("evidenceRetention", evidenceRetention);
        if (evidenceRetention.compareTo(instanceStaleTimeout) <= 0) {
            throw new InvalidConfigurationException("evidenceRetention", "(" + evidenceRetention + ") must be longer "
                    + "than instanceStaleTimeout (" + instanceStaleTimeout + "), or instances would be forgotten "
                    + "before they count as gone");
        }
        if (configuredHost != null && configuredHost.isBlank()) {
            throw new InvalidConfigurationException("host", "must not be blank; leave it unset for this machine's name");
        }
    }

    /**
     * The host name recorded in the history and the registry: the configured one, else this machine's
     * name, looked up once per JVM on first use (a slow resolver then costs one lookup, not one per start
     * of every configuration).
     */
    public String host() {
        return (this.configuredHost != null) ? this.configuredHost : LocalHost.NAME;
    }

    /** Lazy holder: the lookup happens on first use of {@link #host()} without a configured host. */
    private static final class LocalHost {

        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            }
            catch (UnknownHostException ex) {
                return "unknown-host";
            }
        }

    }

}
