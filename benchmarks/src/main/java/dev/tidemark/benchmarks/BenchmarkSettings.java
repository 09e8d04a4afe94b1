package dev.tidemark.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * The lock-queue benchmark's settings, from system properties (the launcher passes its own on to each run):
 * {@code bench.database} (default {@code tidemark_bench}), {@code bench.url} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code bench.user}
 * ({@code postgres}), {@code bench.password} (empty), {@code bench.rows} (1000000), {@code bench.blocker.seconds}
 * (10), {@code bench.clients} (8), {@code bench.period.ms} (10, per client), {@code bench.plain.lock-timeout.ms}
 * (200) and {@code bench.plain.pause.ms} (500) for the plain-JDBC recipe.
 */
final class BenchmarkSettings {

    /** The database the benchmark creates and drops ({@code bench.database}). */
    static final String DATABASE = System.getProperty("bench.database", "tidemark_bench");

    /** The system properties that runs inherit from the launcher. */
    static final List<String> PROPERTIES = List.of("bench.database", "bench.url", "bench.user", "bench.password", "bench.rows",
            "bench.blocker.seconds", "bench.clients", "bench.period.ms", "bench.plain.lock-timeout.ms",
            "bench.plain.pause.ms", "bench.spinners", "bench.migrator", "bench.taskset", "bench.nice");

    String serverUrl() {
        return System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    /** The URL of the benchmark's own database on the same server. */
    String databaseUrl() {
        String server = serverUrl();
        int slash = server.lastIndexOf('/');
        int query = server.indexOf('?', slash);
        return server.substring(0, slash + 1) + DATABASE + ((query >= 0) ? server.substring(query) : "");
    }

    String user() {
        return System.getProperty("bench.user", "postgres");
    }

    String password() {
        return System.getProperty("bench.password", "");
    }

    int rows() {
        return Integer.getInteger("bench.rows", 1_000_000);
    }

    Duration blockerHold() {
        return Duration.ofSeconds(Integer.getInteger("bench.blocker.seconds", 10));
    }

    int clients() {
        return Integer.getInteger("bench.clients", 8);
    }

    long periodNanos() {
        return Duration.ofMillis(Integer.getInteger("bench.period.ms", 10)).toNanos();
    }

    Duration plainLockTimeout() {
        return Duration.ofMillis(Integer.getInteger("bench.plain.lock-timeout.ms", 200));
    }

    Duration plainPause() {
        return Duration.ofMillis(Integer.getInteger("bench.plain.pause.ms", 500));
    }

}
