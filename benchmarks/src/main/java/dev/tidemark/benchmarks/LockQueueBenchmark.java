package dev.tidemark.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;

/**
 * The lock-queue scenario of issue 4, run on demand ({@code ./mvnw -pl benchmarks exec:java} after
 * installing migration-core): a table of
 * 1M rows, 8 client threads doing primary-key reads and updates at a steady rate, a session holding
 * ACCESS SHARE on the table for 10 s, and, 1 s into it, a migration that adds a column. Each tool gets its
 * own schema and table; the numbers are application-visible query latencies from the blocker's start
 * until 2 s after the migration completed.
 * <p>
 * System properties: {@code bench.url} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}),
 * {@code bench.user} ({@code postgres}), {@code bench.password} (empty), {@code bench.rows} (1000000),
 * {@code bench.blocker.seconds} (10), {@code bench.clients} (8), {@code bench.period.ms} (10, per client).
 */
public final class LockQueueBenchmark {

    private static final String DATABASE = "tidemark_bench";

    /** As pinned in this module's POM (flyway-benchmark.version). */
    private static final String FLYWAY_VERSION = "13.12.0";

    private final String serverUrl = System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/postgres");

    private final String user = System.getProperty("bench.user", "postgres");

    private final String password = System.getProperty("bench.password", "");

    private final int rows = Integer.getInteger("bench.rows", 1_000_000);

    private final Duration blockerHold = Duration.ofSeconds(Integer.getInteger("bench.blocker.seconds", 10));

    private final int clients = Integer.getInteger("bench.clients", 8);

    private final long periodNanos = Duration.ofMillis(Integer.getInteger("bench.period.ms", 10)).toNanos();

    public static void main(String[] args) throws Exception {
        new LockQueueBenchmark().run();
    }

    private void run() throws Exception {
        recreateDatabase();
        List<Result> results = new ArrayList<>();
        try {
            results.add(scenario("Flyway " + FLYWAY_VERSION + " (defaults)", "flyway_run",
                    this::flyway));
            results.add(scenario("Tidemark (defaults)", "tidemark_run", (schema, dir) -> tidemark(schema, dir, true)));
            results.add(scenario("Tidemark, watchdog cancel off (lock_timeout 2 s + retries only)", "tidemark_nocancel",
                    (schema, dir) -> tidemark(schema, dir, false)));
        }
        finally {
            // Three tables of a million rows each: not something to leave on a developer's server.
            dropDatabase();
        }
        System.out.println();
        System.out.println("| tool | queries | max (ms) | p99 (ms) | p99.9 (ms) | > 100 ms | > 1 s | errors | migration done after blocker end (ms) | retries |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Result result : results) {
            System.out.println(result.row());
        }
    }

    @FunctionalInterface
    private interface Migrator {

        /** Applies the column migration; returns the lock retries it reported, or -1 when unknown. */
        int migrate(String schema, Path dir) throws Exception;

    }

    private Result scenario(String name, String schema, Migrator migrator) throws Exception {
        Path dir = Files.createTempDirectory("bench-" + schema);
        writeMigration(dir, schema, 1, "create_accounts", "CREATE TABLE accounts (id int PRIMARY KEY, balance bigint "
                + "NOT NULL, note text);\nINSERT INTO accounts SELECT g, 0, 'row ' || g FROM generate_series(1, "
                + this.rows + ") g;");
        try (Connection admin = connect(null)) {
            execute(admin, "CREATE SCHEMA " + schema);
        }
        migrator.migrate(schema, dir);
        try (Connection admin = connect(schema)) {
            execute(admin, "VACUUM ANALYZE accounts");
        }
        writeMigration(dir, schema, 2, "add_flag", "ALTER TABLE accounts ADD COLUMN flag boolean;");
        System.out.println("== " + name + ": table of " + this.rows + " rows ready");

        // Every task here blocks until the scenario ends (clients) or for seconds (blocker, migration), so each
        // gets a thread of its own. The common pool has cores - 1 threads: on 3-9 cores the clients took them all
        // and the blocker and the migration never started (on 2 cores it starts a thread per task, hiding this).
        ExecutorService threads = Executors.newFixedThreadPool(this.clients + 2);
        try {
            return measure(name, schema, dir, migrator, threads);
        }
        finally {
            threads.shutdownNow();
        }
    }

    private Result measure(String name, String schema, Path dir, Migrator migrator, ExecutorService threads)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicInteger errors = new AtomicInteger();
        List<long[]> latencies = new ArrayList<>();
        List<AtomicInteger> counts = new ArrayList<>();
        List<CompletableFuture<Void>> clientRuns = new ArrayList<>();
        for (int i = 0; i < this.clients; i++) {
            long[] samples = new long[200_000];
            AtomicInteger count = new AtomicInteger();
            latencies.add(samples);
            counts.add(count);
            clientRuns.add(CompletableFuture.runAsync(() -> client(schema, running, measuring, samples, count, errors),
                    threads));
        }
        Thread.sleep(2_000); // warm up
        measuring.set(true);
        long blockerStart = System.nanoTime();
        CompletableFuture<Long> blocker = CompletableFuture.supplyAsync(() -> holdAccessShare(schema), threads);
        Thread.sleep(1_000);
        long migrationStart = System.nanoTime();
        CompletableFuture<Integer> migration = CompletableFuture.supplyAsync(() -> {
            try {
                return migrator.migrate(schema, dir);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, threads);
        long blockerEnd = blocker.join();
        int retries = migration.join();
        long migrationEnd = System.nanoTime();
        Thread.sleep(2_000);
        measuring.set(false);
        running.set(false);
        clientRuns.forEach(CompletableFuture::join);

        int total = counts.stream().mapToInt(AtomicInteger::get).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < this.clients; i++) {
            System.arraycopy(latencies.get(i), 0, all, at, counts.get(i).get());
            at += counts.get(i).get();
        }
        Arrays.sort(all);
        Result result = new Result(name, all, errors.get(), Duration.ofNanos(migrationEnd - blockerEnd),
                Duration.ofNanos(migrationEnd - migrationStart), Duration.ofNanos(blockerEnd - blockerStart), retries);
        System.out.println(result.row());
        return result;
    }

    private void client(String schema, AtomicBoolean running, AtomicBoolean measuring, long[] samples,
            AtomicInteger count, AtomicInteger errors) {
        try (Connection connection = connect(schema);
                PreparedStatement read = connection.prepareStatement("SELECT balance FROM accounts WHERE id = ?");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE accounts SET balance = balance + 1 WHERE id = ?")) {
            long due = System.nanoTime();
            boolean reading = true;
            while (running.get()) {
                LockSupport.parkNanos(due - System.nanoTime());
                PreparedStatement statement = reading ? read : update;
                reading = !reading;
                statement.setInt(1, ThreadLocalRandom.current().nextInt(1, this.rows + 1));
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
                due += this.periodNanos;
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Holds ACCESS SHARE on the table, like a long report or an idle transaction, then commits. */
    private long holdAccessShare(String schema) {
        try (Connection connection = connect(schema)) {
            execute(connection, "SET application_name = 'long-report'");
            connection.setAutoCommit(false);
            execute(connection, "SELECT count(*) FROM accounts WHERE id < 100");
            Thread.sleep(this.blockerHold.toMillis());
            connection.commit();
            return System.nanoTime();
        }
        catch (SQLException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private int flyway(String schema, Path dir) {
        Flyway.configure()
            .dataSource(url(DATABASE), this.user, this.password)
            .schemas(schema)
            .locations("filesystem:" + dir.resolve("flyway"))
            .load()
            .migrate();
        return -1;
    }

    private int tidemark(String schema, Path dir, boolean cancelWhenBlocking) {
        AtomicInteger retries = new AtomicInteger();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url(DATABASE));
        dataSource.setUser(this.user);
        dataSource.setPassword(this.password);
        dataSource.setCurrentSchema(schema);
        new Tidemark(TidemarkConfiguration.builder()
            .dataSource(dataSource)
            .codeVersion("1.0.0")
            .schema(schema)
            .locations("filesystem:" + dir.resolve("tidemark"))
            .cancelWhenBlocking(cancelWhenBlocking)
            .listener(new MigrationListener() {
                @Override
                public void lockTimeoutRetry(MigrationInfo migration, int attempt, Duration backoff) {
                    retries.incrementAndGet();
                }
            })
            .build()).migrate();
        return retries.get();
    }

    private static void writeMigration(Path dir, String schema, int version, String description, String sql)
            throws Exception {
        Path flyway = dir.resolve("flyway/V" + version + "__" + description + ".sql");
        Path tidemark = dir.resolve("tidemark/1.0.0/V" + version + "__expand__" + description + ".sql");
        Files.createDirectories(flyway.getParent());
        Files.createDirectories(tidemark.getParent());
        Files.writeString(flyway, sql);
        Files.writeString(tidemark, sql);
    }

    private void recreateDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(this.serverUrl, this.user, this.password)) {
            execute(connection, "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            execute(connection, "CREATE DATABASE " + DATABASE);
        }
    }

    private void dropDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(this.serverUrl, this.user, this.password)) {
            execute(connection, "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    private String url(String database) {
        int slash = this.serverUrl.lastIndexOf('/');
        int query = this.serverUrl.indexOf('?', slash);
        return this.serverUrl.substring(0, slash + 1) + database + ((query >= 0) ? this.serverUrl.substring(query) : "");
    }

    private Connection connect(String schema) throws SQLException {
        Connection connection = DriverManager.getConnection(url(DATABASE), this.user, this.password);
        if (schema != null) {
            execute(connection, "SET search_path = " + schema);
        }
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private record Result(String name, long[] sortedNanos, int errors, Duration doneAfterBlocker,
            Duration migrationTook, Duration blockerHeld, int retries) {

        String row() {
            long over100 = Arrays.stream(this.sortedNanos).filter((n) -> n > 100_000_000L).count();
            long over1s = Arrays.stream(this.sortedNanos).filter((n) -> n > 1_000_000_000L).count();
            return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d | %d | %d | %d | %s |", this.name,
                    this.sortedNanos.length, ms(max()), ms(percentile(0.99)), ms(percentile(0.999)), over100, over1s,
                    this.errors, this.doneAfterBlocker.toMillis(), (this.retries < 0) ? "n/a" : this.retries);
        }

        private long max() {
            return (this.sortedNanos.length == 0) ? 0 : this.sortedNanos[this.sortedNanos.length - 1];
        }

        private long percentile(double p) {
            if (this.sortedNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p * this.sortedNanos.length) - 1;
            return this.sortedNanos[Math.max(0, Math.min(index, this.sortedNanos.length - 1))];
        }

        private static double ms(long nanos) {
            return nanos / 1_000_000.0;
        }

    }

}
