package dev.tidemark.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the lock-queue scenario, in a JVM of its own that {@link LockQueueBenchmark} starts for it. The table
 * ({@code accounts}, V1) is ready in the schema; this run starts the application load and, at t = 0, the blocker;
 * at t = 1 s it starts the migration ({@link LockQueueMigrator}) and prints one {@code RESULT} line
 * ({@link LockQueueResult}), after the 20 slowest queries and when they were due ({@code SLOW}).
 * <p>
 * The migration runs in a JVM of its own too ({@code bench.migrator=separate}, the default), started before the
 * load and waiting for its go: the application's traffic comes from the instances already running, and a starved
 * migrating JVM must not slow the clients that measure it, or the numbers would show the load generator's CPU
 * starvation instead of the lock queue. With {@code bench.migrator=same} the migration runs in this JVM, beside the
 * load, as in the independent harness of issue 9 (a starved variant then starves the clients as well). A separate
 * starved migrator is pinned to CPU 0 ({@code bench.taskset}, empty for no pinning), where its spinning threads
 * compete with it at equal priority; they also take CPU from whatever else runs there, which {@code none-starved}
 * (the spinners without a migration) measures. {@code bench.nice} runs it under {@code nice} as well (on a loaded
 * machine {@code 19} freezes it rather than starving it: its migration then arrives after the blocker is gone).
 * <p>
 * Arguments: variant, schema, migration folder, repetition.
 */
public final class LockQueueScenario {

    private static final String CLIENT = "bench-client";

    private final BenchmarkSettings settings = new BenchmarkSettings();

    private final String variant;

    private final String schema;

    private final Path dir;

    private LockQueueScenario(String variant, String schema, Path dir) {
        this.variant = variant;
        this.schema = schema;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        LockQueueResult result = new LockQueueScenario(args[0], args[1], Path.of(args[2]))
            .run(Integer.parseInt(args[3]));
        System.out.println(result.line());
        System.exit(0);
    }

    private LockQueueResult run(int repetition) throws Exception {
        // Every task blocks until the scenario ends (clients, lock-wait sampler) or for seconds (blocker, migration): a
        // thread each, or the migration would wait for the blocker's thread.
        ExecutorService threads = Executors.newFixedThreadPool(this.settings.clients() + 3);
        try {
            return measure(repetition, threads);
        }
        finally {
            threads.shutdownNow();
        }
    }

    private LockQueueResult measure(int repetition, ExecutorService threads) throws Exception {
        Migrator migrator = startMigrator();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicInteger errors = new AtomicInteger();
        List<long[]> latencies = new ArrayList<>();
        List<long[]> dues = new ArrayList<>();
        List<AtomicInteger> counts = new ArrayList<>();
        List<CompletableFuture<Void>> clientRuns = new ArrayList<>();
        for (int i = 0; i < this.settings.clients(); i++) {
            long[] samples = new long[200_000];
            long[] due = new long[samples.length];
            AtomicInteger count = new AtomicInteger();
            latencies.add(samples);
            dues.add(due);
            counts.add(count);
            clientRuns.add(CompletableFuture.runAsync(() -> client(running, measuring, samples, due, count, errors),
                    threads));
        }
        Thread.sleep(2_000); // warm up
        CompletableFuture<Double> lockWaits = CompletableFuture.supplyAsync(() -> longestLockWait(running), threads);
        measuring.set(true);
        long blockerStart = System.nanoTime();
        System.out.println("BLOCKER starts at " + LocalTime.now());
        CompletableFuture<Instant> blocker = CompletableFuture.supplyAsync(this::holdAccessShare, threads);
        Thread.sleep(1_000);
        Instant migrationStarted = Instant.now();
        CompletableFuture<LockQueueMigrator.Outcome> migration = CompletableFuture.supplyAsync(() -> {
            try {
                return migrator.migrate();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, threads);
        Instant blockerEnd = blocker.join();
        System.out.println("BLOCKER ends at " + LocalTime.now());
        LockQueueMigrator.Outcome outcome = migration.join();
        Thread.sleep(2_000);
        measuring.set(false);
        running.set(false);
        clientRuns.forEach(CompletableFuture::join);
        double longestLockWait = lockWaits.join();

        int total = counts.stream().mapToInt(AtomicInteger::get).sum();
        long[] all = new long[total];
        List<long[]> slow = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < this.settings.clients(); i++) {
            for (int j = 0; j < counts.get(i).get(); j++) {
                all[at++] = latencies.get(i)[j];
                if (latencies.get(i)[j] > 100_000_000L) {
                    slow.add(new long[] { dues.get(i)[j] - blockerStart, latencies.get(i)[j] });
                }
            }
        }
        // When the slow queries were due, from the blocker's start: a stall behind the migration shows as a cluster
        // that matches an attempt in the migrator's log; machine noise does not.
        slow.stream().sorted((a, b) -> Long.compare(b[1], a[1])).limit(20).forEach((query) -> System.out.printf(
                Locale.ROOT, "SLOW due at +%d ms took %d ms%n", query[0] / 1_000_000, query[1] / 1_000_000));
        Arrays.sort(all);
        return LockQueueResult.of(this.variant, repetition, all, errors.get(), longestLockWait, outcome.attempts(),
                Duration.between(blockerEnd, outcome.committed()), Duration.between(migrationStarted, outcome.committed()));
    }

    /** The migration, ready to go: in a JVM of its own, started and waiting, or in this one. */
    @FunctionalInterface
    private interface Migrator {

        LockQueueMigrator.Outcome migrate() throws Exception;

    }

    private Migrator startMigrator() throws Exception {
        if ("same".equals(System.getProperty("bench.migrator"))) {
            AtomicBoolean spinning = LockQueueMigrator.startSpinners(this.variant);
            return () -> {
                try {
                    return new LockQueueMigrator(this.variant, this.schema, this.dir).migrate();
                }
                finally {
                    spinning.set(false);
                }
            };
        }
        List<String> command = new ArrayList<>();
        if (this.variant.endsWith("-starved")) {
            String nice = System.getProperty("bench.nice", "");
            String taskset = System.getProperty("bench.taskset", "0");
            if (!nice.isBlank()) {
                command.addAll(List.of("nice", "-n", nice));
            }
            if (!taskset.isBlank()) {
                command.addAll(List.of("taskset", "-c", taskset));
            }
        }
        command.addAll(LockQueueBenchmark.java(LockQueueMigrator.class, System.getProperty("java.class.path"),
                List.of("-Dorg.slf4j.simpleLogger.showDateTime=true",
                        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS")));
        command.addAll(List.of(this.variant, this.schema, this.dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        CompletableFuture<LockQueueMigrator.Outcome> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    System.out.println("[migrator] " + line);
                    if (line.equals(LockQueueMigrator.READY)) {
                        ready.countDown();
                    }
                    LockQueueMigrator.Outcome parsed = LockQueueMigrator.Outcome.parse(line);
                    if (parsed != null) {
                        outcome.complete(parsed);
                    }
                }
                outcome.completeExceptionally(new IllegalStateException("The migrator ended (exit "
                        + process.waitFor() + ") without an outcome"));
            }
            catch (IOException | InterruptedException ex) {
                outcome.completeExceptionally(ex);
            }
        }, "migrator-output");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("The migrator did not start within 2 minutes");
        }
        return () -> {
            try (Writer go = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                go.write("go\n");
            }
            return outcome.get();
        };
    }

    private void client(AtomicBoolean running, AtomicBoolean measuring, long[] samples, long[] dues,
            AtomicInteger count, AtomicInteger errors) {
        try (Connection connection = connect(CLIENT);
                PreparedStatement read = connection.prepareStatement("SELECT balance FROM accounts WHERE id = ?");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE accounts SET balance = balance + 1 WHERE id = ?")) {
            long period = this.settings.periodNanos();
            long due = System.nanoTime();
            boolean reading = true;
            while (running.get()) {
                LockSupport.parkNanos(due - System.nanoTime());
                PreparedStatement statement = reading ? read : update;
                reading = !reading;
                statement.setInt(1, ThreadLocalRandom.current().nextInt(1, this.settings.rows() + 1));
                try {
                    statement.execute();
                }
                catch (SQLException ex) {
                    errors.incrementAndGet();
                }
                // Open loop: requests arrive on a fixed schedule whether or not the database keeps up, so the
                // latency a user sees runs from when the request was due, including time queued behind a stall
                // (no coordinated omission).
                long took = System.nanoTime() - due;
                if (measuring.get() && count.get() < samples.length) {
                    dues[count.get()] = due;
                    samples[count.getAndIncrement()] = took;
                }
                due += period;
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The longest lock wait of an application query, as the server records it ({@code pg_locks.waitstart}), sampled
     * every 10 ms: what the migration made the application wait, without the client-side noise of a busy machine.
     * A lower bound (a wait that ends between two samples counts up to the last one). The same samples tally what
     * the clients' backends wait for ({@code pg_stat_activity.wait_event}), printed as {@code WAITS}: a stall that
     * is no lock wait shows there as, e.g., {@code IO:WALSync}.
     */
    private double longestLockWait(AtomicBoolean running) {
        double longest = 0;
        Map<String, Integer> waits = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(this.settings.databaseUrl(), this.settings.user(),
                this.settings.password());
                PreparedStatement lockWaits = connection.prepareStatement("SELECT coalesce(max(extract(epoch FROM "
                        + "clock_timestamp() - l.waitstart)), 0) * 1000 FROM pg_catalog.pg_locks l "
                        + "JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted "
                        + "AND a.application_name = '" + CLIENT + "' AND a.datname = current_database()");
                PreparedStatement events = connection.prepareStatement("SELECT wait_event_type || ':' || wait_event "
                        + "FROM pg_catalog.pg_stat_activity WHERE application_name = '" + CLIENT + "' "
                        + "AND datname = current_database() AND state = 'active' AND wait_event IS NOT NULL")) {
            while (running.get()) {
                try (ResultSet result = lockWaits.executeQuery()) {
                    result.next();
                    longest = Math.max(longest, result.getDouble(1));
                }
                try (ResultSet result = events.executeQuery()) {
                    while (result.next()) {
                        waits.merge(result.getString(1), 1, Integer::sum);
                    }
                }
                LockSupport.parkNanos(10_000_000L);
            }
            System.out.println("WAITS of the clients' backends (samples, 10 ms apart): " + waits);
            return longest;
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Holds ACCESS SHARE on the table, like a long report or an idle transaction, then commits. */
    private Instant holdAccessShare() {
        try (Connection connection = connect("long-report")) {
            connection.setAutoCommit(false);
            execute(connection, "SELECT count(*) FROM accounts WHERE id < 100");
            Thread.sleep(this.settings.blockerHold().toMillis());
            connection.commit();
            return Instant.now();
        }
        catch (SQLException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Connection connect(String applicationName) throws SQLException {
        Connection connection = DriverManager.getConnection(this.settings.databaseUrl(), this.settings.user(),
                this.settings.password());
        execute(connection, "SET search_path = " + this.schema);
        execute(connection, "SET application_name = '" + applicationName + "'");
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
