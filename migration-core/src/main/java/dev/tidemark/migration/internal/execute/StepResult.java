package dev.tidemark.migration.internal.execute;

import java.time.Duration;

/**
 * What became of a planned step.
 */
public sealed interface StepResult {

    /**
     * It was applied and recorded.
     * @param took how long it ran, from its first attempt to its history row, retries and pauses included
     * @param attempts how many attempts it took
     */
    record Applied(Duration took, int attempts) implements StepResult {
    }

    /**
     * The fleet changed since the plan was made, and it waits now; nothing of it ran.
     * @param reason why, in words
     */
    record Deferred(String reason) implements StepResult {
    }

}
