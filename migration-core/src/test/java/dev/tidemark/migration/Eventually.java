package dev.tidemark.migration;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition until it holds, with a generous bound: for background work (heartbeats,
 * reconciliation) whose timing a test must not assert.
 */
final class Eventually {

    private Eventually() {
    }

    static void await(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not true within " + bound + ": " + what);
            }
            pause(Duration.ofMillis(50));
        }
    }

    static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", ex);
        }
    }

}
