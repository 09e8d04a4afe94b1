package dev.tidemark.migration.micrometer;

import io.micrometer.observation.Observation;

import dev.tidemark.migration.MigrationInfo;

/** What an observation of one migration knows: the migration and, once it ended, how. Not thread-safe. */
public final class MigrationObservationContext extends Observation.Context {

    private final MigrationInfo migration;

    private String outcome = "unknown";

    /** Creates the context of a migration that starts now. */
    public MigrationObservationContext(MigrationInfo migration) {
        this.migration = migration;
    }

    /** The migration being applied. */
    public MigrationInfo migration() {
        return this.migration;
    }

    /** {@code success}, {@code failure}, or {@code unknown} while it runs. */
    public String outcome() {
        return this.outcome;
    }

    void ended(String outcome) {
        this.outcome = outcome;
    }

}
