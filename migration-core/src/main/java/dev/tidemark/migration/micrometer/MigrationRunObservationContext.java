package dev.tidemark.migration.micrometer;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.MigrateResult;
import dev.tidemark.migration.RunTrigger;

/** What an observation of a migration run knows: its trigger and, once it ended, how. Not thread-safe. */
public final class MigrationRunObservationContext extends Observation.Context {

    private final RunTrigger trigger;

    private String outcome = "unknown";

    private @Nullable MigrateResult result;

    /** Creates the context of a run that starts now. */
    public MigrationRunObservationContext(RunTrigger trigger) {
        this.trigger = trigger;
    }

    /** What started the run. */
    public RunTrigger trigger() {
        return this.trigger;
    }

    /** {@code success}, {@code skipped}, {@code failure}, or {@code unknown} while the run goes on. */
    public String outcome() {
        return this.outcome;
    }

    /** What the run applied and left waiting, once it succeeded. */
    public @Nullable MigrateResult result() {
        return this.result;
    }

    void ended(String outcome, @Nullable MigrateResult result) {
        this.outcome = outcome;
        this.result = result;
    }

}
