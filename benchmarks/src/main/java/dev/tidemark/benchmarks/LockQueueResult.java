package dev.tidemark.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one run of the lock-queue scenario measured; a run prints it as one {@code RESULT} line and the
 * launcher reads it back.
 *
 * @param variant e.g. {@code tidemark-starved}
 * @param repetition 1, 2, ...
 * @param queries application queries measured
 * @param maxMillis the slowest
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param over100ms queries slower than 100 ms
 * @param over1s queries slower than 1 s
 * @param errors queries that failed
 * @param lockWaitMillis the longest lock wait of an application query that the server showed (sampled)
 * @param attempts attempts the migration took
 * @param doneAfterBlockerMillis from the blocker's commit to the migration's commit
 * @param migrationMillis from the migration's start (t = 1 s) to its commit
 */
record LockQueueResult(String variant, int repetition, int queries, double maxMillis, double p99Millis,
        double p999Millis, long over100ms, long over1s, int errors, double lockWaitMillis, int attempts,
        long doneAfterBlockerMillis,
        long migrationMillis) {

    private static final String PREFIX = "RESULT ";

    static LockQueueResult of(String variant, int repetition, long[] sortedNanos, int errors, double lockWaitMillis,
            int attempts,
            Duration doneAfterBlocker, Duration migrationTook) {
        long over100 = Arrays.stream(sortedNanos).filter((n) -> n > 100_000_000L).count();
        long over1s = Arrays.stream(sortedNanos).filter((n) -> n > 1_000_000_000L).count();
        long max = (sortedNanos.length == 0) ? 0 : sortedNanos[sortedNanos.length - 1];
        return new LockQueueResult(variant, repetition, sortedNanos.length, ms(max), ms(percentile(sortedNanos, 0.99)),
                ms(percentile(sortedNanos, 0.999)), over100, over1s, errors, lockWaitMillis, attempts,
                doneAfterBlocker.toMillis(),
                migrationTook.toMillis());
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The line a run prints. */
    String line() {
        return PREFIX + String.join(" ", this.variant, Integer.toString(this.repetition), Integer.toString(this.queries),
                Double.toString(this.maxMillis), Double.toString(this.p99Millis), Double.toString(this.p999Millis),
                Long.toString(this.over100ms), Long.toString(this.over1s), Integer.toString(this.errors),
                Double.toString(this.lockWaitMillis), Integer.toString(this.attempts), Long.toString(this.doneAfterBlockerMillis),
                Long.toString(this.migrationMillis));
    }

    /** Reads a line a run printed; {@code null} for any other line. */
    static LockQueueResult parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        String[] f = line.substring(PREFIX.length()).trim().split(" ");
        return new LockQueueResult(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                Integer.parseInt(f[8]), Double.parseDouble(f[9]), Integer.parseInt(f[10]), Long.parseLong(f[11]),
                Long.parseLong(f[12]));
    }

    /** A row of the per-run Markdown table. */
    String row() {
        return String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %.1f | %.1f | %d | %d | %d | %.0f | %d | %s |",
                this.variant, this.repetition, this.queries, this.maxMillis, this.p99Millis, this.p999Millis,
                this.over100ms, this.over1s, this.errors, this.lockWaitMillis, this.attempts, (this.attempts == 0) ? "n/a"
                        : String.format(Locale.ROOT, "%,d", this.doneAfterBlockerMillis));
    }

}
