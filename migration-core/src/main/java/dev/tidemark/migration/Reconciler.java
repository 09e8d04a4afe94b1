package dev.tidemark.migration;

import java.time.Instant;
import java.util.Optional;

/**
 * Background re-planning of deferred work: in {@link ContractMode#AUTOMATIC} mode it applies, on the
 * reconciliation interval and under the migration lock, whatever the fleet now allows. Its last
 * outcome is kept for health checks. Thread-safe.
 */
public interface Reconciler extends AutoCloseable {

    /** When the last reconciliation finished, if any did. */
    Optional<Instant> lastRun();

    /** The failure of the last reconciliation, if it failed; cleared by the next success. */
    Optional<TidemarkException> lastFailure();

    /** Stops the background work; a reconciliation in progress finishes first. */
    @Override
    void close();

}
