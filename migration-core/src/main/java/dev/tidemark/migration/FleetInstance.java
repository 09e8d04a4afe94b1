package dev.tidemark.migration;

import java.time.Duration;
import java.time.Instant;

/**
 * One live application instance in the fleet registry.
 *
 * @param id the instance id, unique per running process
 * @param codeVersion the code version it runs
 * @param host the host it runs on
 * @param startedAt when it registered
 * @param lastHeartbeat when it last reported in
 * @param heartbeatAge how long ago that was, as seen by the database clock
 */
public record FleetInstance(String id, Version codeVersion, String host, Instant startedAt, Instant lastHeartbeat,
        Duration heartbeatAge) {
}
