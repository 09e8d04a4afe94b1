package dev.tidemark.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the lock-queue scenario, in a JVM of its own that {@link LockQueueBenchmark} starts for it. The table
 * ({@code accounts}, V1) is ready in the schema; this run starts the application load and, at t = 0, the blocker;
 * at t = 1 s it starts the migration ({@link LockQueueMigrator}) and prints one {@code RESULT} line
 * ({@link LockQueueResult}).
 * <p>
 * The migration runs in a JVM of its own too ({@code bench.migrator=separate}, the default): the application's
 * traffic comes from the instances already running, and a starved migrating JVM must not slow the clients that
 * measure it, or the numbers would show the load generator's CPU starvation instead of the lock queue. With
 * {@code bench.migrator=same} the migration runs in this JVM, beside the load, as in the independent harness of
 * issue 9 (a starved variant then starves the clients as well). A separate starved migrator is pinned to the CPUs
 * of {@code bench.taskset} ({@code 0} by default, i.e. one core, where its spinning threads compete with it rather
 * than with the whole machine; empty for no pinning).
 * <p>
 * Arguments: variant, schema, migration folder, repetition.
 */
public final class LockQueueScenario {

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
        // Every task blocks until the scenario ends (clients) or for seconds (blocker, migration): a thread each.
        ExecutorService threads = Executors.newFixedThreadPool(this.settings.clients() + 2);
        try {
            return measure(repetition, threads);
        }
        finally {
            threads.shutdownNow();
        }
    }

    private LockQueueResult measure(int repetition, ExecutorService threads) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicInteger errors = new AtomicInteger();
        List<long[]> latencies = new ArrayList<>();
        List<AtomicInteger> counts = new ArrayList<>();
        List<CompletableFuture<Void>> clientRuns = new ArrayList<>();
        for (int i = 0; i < this.settings.clients(); i++) {
            long[] samples = new long[200_000];
            AtomicInteger count = new AtomicInteger();
            latencies.add(samples);
            counts.add(count);
            clientRuns.add(CompletableFuture.runAsync(() -> client(running, measuring, samples, count, errors), threads));
        }
        Thread.sleep(2_000); // warm up
        measuring.set(true);
        CompletableFuture<Instant> blocker = CompletableFuture.supplyAsync(this::holdAccessShare, threads);
        Thread.sleep(1_000);
        Instant migrationStarted = Instant.now();
        CompletableFuture<LockQueueMigrator.Outcome> migration = CompletableFuture.supplyAsync(() -> {
            try {
                return migrate();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, threads);
        Instant blockerEnd = blocker.join();
        LockQueueMigrator.Outcome outcome = migration.join();
        Thread.sleep(2_000);
        measuring.set(false);
        running.set(false);
        clientRuns.forEach(CompletableFuture::join);

        int total = counts.stream().mapToInt(AtomicInteger::get).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < this.settings.clients(); i++) {
            System.arraycopy(latencies.get(i), 0, all, at, counts.get(i).get());
            at += counts.get(i).get();
        }
        Arrays.sort(all);
        return LockQueueResult.of(this.variant, repetition, all, errors.get(), outcome.attempts(),
                Duration.between(blockerEnd, outcome.committed()), Duration.between(migrationStarted, outcome.committed()));
    }

    private LockQueueMigrator.Outcome migrate() throws Exception {
        if ("same".equals(System.getProperty("bench.migrator"))) {
            AtomicBoolean spinning = LockQueueMigrator.startSpinners(this.variant);
            try {
                return new LockQueueMigrator(this.variant, this.schema, this.dir).migrate();
            }
            finally {
                spinning.set(false);
            }
        }
        List<String> command = new ArrayList<>();
        String taskset = System.getProperty("bench.taskset", "0");
        if (this.variant.endsWith("-starved") && taskset != null && !taskset.isBlank()) {
            command.addAll(List.of("taskset", "-c", taskset));
        }
        command.addAll(LockQueueBenchmark.java(LockQueueMigrator.class, System.getProperty("java.class.path")));
        command.addAll(List.of(this.variant, this.schema, this.dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        LockQueueMigrator.Outcome outcome = null;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println("[migrator] " + line);
                LockQueueMigrator.Outcome parsed = LockQueueMigrator.Outcome.parse(line);
                if (parsed != null) {
                    outcome = parsed;
                }
            }
        }
        int exit = process.waitFor();
        if (outcome == null) {
            throw new IllegalStateException("The migrator ended (exit " + exit + ") without an outcome");
        }
        return outcome;
    }

    private void client(AtomicBoolean running, AtomicBoolean measuring, long[] samples, AtomicInteger count,
            AtomicInteger errors) {
        try (Connection connection = connect();
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
                    samples[count.getAndIncrement()] = took;
                }
                due += period;
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Holds ACCESS SHARE on the table, like a long report or an idle transaction, then commits. */
    private Instant holdAccessShare() {
        try (Connection connection = connect()) {
            execute(connection, "SET application_name = 'long-report'");
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

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(this.settings.databaseUrl(), this.settings.user(),
                this.settings.password());
        execute(connection, "SET search_path = " + this.schema);
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
