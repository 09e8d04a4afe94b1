package dev.tidemark.migration;

/**
 * This instance's entry in the fleet registry, kept alive by heartbeats on a background thread until
 * {@link #close()} deregisters it. Thread-safe.
 */
public interface FleetRegistration extends AutoCloseable {

    /** The id under which this instance is registered. */
    String instanceId();

    /** Stops heartbeating and removes this instance from the registry. */
    @Override
    void close();

}
