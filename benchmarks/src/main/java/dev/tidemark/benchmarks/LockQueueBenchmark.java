package dev.tidemark.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;

/**
 * The lock-queue benchmark (issues 4 and 9), run on demand: a table of 1M rows, 8 client threads doing
 * primary-key reads and updates on a fixed schedule (800 queries/s, open loop), a session holding ACCESS SHARE on
 * the table for 10 s and, 1 s into it, a migration that adds a column. Application-visible latencies are
 * measured from the blocker's start until 2 s after the migration committed.
 * <p>
 * As an application's startup would meet it, every run starts JVMs of its own ({@link LockQueueScenario} for the
 * load, {@link LockQueueMigrator} for the migration): the tool's classes and the load generator are cold, Tidemark
 * gets an unpooled DataSource (a new connection per {@code getConnection}, so its lock watchdog connects while the
 * first attempt already waits) and runs {@code expand()} after one {@code info()}. Variants
 * ({@code bench.variants}, comma-separated): {@code none} (no migration: the noise of the machine itself),
 * {@code plain-jdbc} (lock_timeout 200 ms, retried after 500 ms), {@code tidemark}, and {@code -starved} versions
 * of them (the migrating JVM also spins {@code bench.spinners} threads, default 2; see {@link LockQueueScenario});
 * by default {@code none}, {@code none-starved}, {@code plain-jdbc}, {@code tidemark} and
 * {@code tidemark-starved}, on request also {@code flyway} and {@code tidemark-no-cancel}.
 * {@code bench.repetitions} (5) rounds run the variants in turn, so that a change in the machine's load spreads
 * over all of them. Each run gets its own schema in the database {@code tidemark_bench} ({@code bench.database}),
 * dropped afterwards; each run's output goes to {@code bench.logs} ({@code target/lock-queue-logs}). See
 * {@link BenchmarkSettings} for the scenario's settings.
 */
public final class LockQueueBenchmark {

    private final BenchmarkSettings settings = new BenchmarkSettings();

    private final List<String> variants = Arrays.asList(
            System.getProperty("bench.variants", "none,none-starved,plain-jdbc,tidemark,tidemark-starved").split(","));

    private final int repetitions = Integer.getInteger("bench.repetitions", 5);

    private final Path logs = Path.of(System.getProperty("bench.logs", "target/lock-queue-logs"));

    public static void main(String[] args) throws Exception {
        new LockQueueBenchmark().run();
    }

    private void run() throws Exception {
        Files.createDirectories(this.logs);
        System.out.println("Load at start: " + loadAverage());
        recreateDatabase();
        List<LockQueueResult> results = new ArrayList<>();
        try {
            for (int repetition = 1; repetition <= this.repetitions; repetition++) {
                for (String variant : this.variants) {
                    LockQueueResult result = runOnce(variant.trim(), repetition);
                    System.out.println(result.row() + "   (load " + loadAverage() + ")");
                    results.add(result);
                }
            }
        }
        finally {
            // Tables of a million rows each: not something to leave on a developer's server.
            dropDatabase();
        }
        System.out.println("Load at end: " + loadAverage());
        print(results);
    }

    private LockQueueResult runOnce(String variant, int repetition) throws Exception {
        String schema = variant.replace('-', '_') + "_" + repetition;
        String tool = variant.replace("-starved", "");
        Path dir = Files.createTempDirectory("bench-" + schema);
        try (Connection admin = connect()) {
            execute(admin, "CREATE SCHEMA " + schema);
        }
        String v1 = "CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL, note text);\n"
                + "INSERT INTO accounts SELECT g, 0, 'row ' || g FROM generate_series(1, " + this.settings.rows() + ") g;";
        writeMigration(dir, 1, "create_accounts", v1);
        if (tool.startsWith("tidemark")) {
            tidemarkV1(schema, dir);
        }
        else if (tool.equals("flyway")) {
            Flyway.configure().dataSource(this.settings.databaseUrl(), this.settings.user(), this.settings.password())
                .schemas(schema).locations("filesystem:" + dir.resolve("flyway")).load().migrate();
        }
        else {
            try (Connection admin = connect()) {
                execute(admin, "SET search_path = " + schema);
                for (String statement : v1.split(";\n")) {
                    execute(admin, statement);
                }
            }
        }
        try (Connection admin = connect()) {
            execute(admin, "VACUUM ANALYZE " + schema + ".accounts");
        }
        writeMigration(dir, 2, "add_flag", "ALTER TABLE accounts ADD COLUMN flag boolean;");
        try {
            return scenario(variant, schema, dir, repetition);
        }
        finally {
            try (Connection admin = connect()) {
                execute(admin, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private void tidemarkV1(String schema, Path dir) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(this.settings.databaseUrl());
        dataSource.setUser(this.settings.user());
        dataSource.setPassword(this.settings.password());
        dataSource.setCurrentSchema(schema);
        new Tidemark(TidemarkConfiguration.builder().dataSource(dataSource).codeVersion("1.0.0").schema(schema)
            .locations("filesystem:" + dir.resolve("tidemark")).build()).migrate();
    }

    /** Runs the scenario in a JVM of its own and reads its result line. */
    private LockQueueResult scenario(String variant, String schema, Path dir, int repetition)
            throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>(java(LockQueueScenario.class, classPath(), List.of()));
        command.addAll(List.of(variant, schema, dir.toString(), Integer.toString(repetition)));
        Path log = this.logs.resolve(schema + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        LockQueueResult result = null;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); var writer = Files.newBufferedWriter(log)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                writer.write(line);
                writer.newLine();
                LockQueueResult parsed = LockQueueResult.parse(line);
                if (parsed != null) {
                    result = parsed;
                }
            }
        }
        int exit = process.waitFor();
        if (result == null) {
            throw new IllegalStateException("The run " + schema + " ended (exit " + exit + ") without a result; see " + log);
        }
        return result;
    }

    /** The command that starts a new JVM running {@code main}, with the benchmark's system properties. */
    static List<String> java(Class<?> main, String classPath, List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        for (String property : BenchmarkSettings.PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(List.of("-cp", classPath, main.getName()));
        return command;
    }

    /** The class path of this benchmark, also when it runs inside Maven (exec:java) rather than with java -cp. */
    private static String classPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (ClassLoader loader = LockQueueBenchmark.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    entries.add(Path.of(url.toURI()).toString());
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }

    private void print(List<LockQueueResult> results) {
        System.out.println();
        System.out.println("| variant | rep | queries | max (ms) | p99 (ms) | p99.9 (ms) | > 100 ms | > 1 s | errors | longest lock wait (ms) | attempts | DDL done after blocker ended (ms) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        results.stream().sorted(Comparator.comparing(LockQueueResult::variant).thenComparing(LockQueueResult::repetition))
            .forEach((result) -> System.out.println(result.row()));
        System.out.println();
        System.out.println("| variant | reps | max (ms), worst / median | p99 (ms), median | p99.9 (ms), median | > 100 ms, median (range) | > 1 s, total | longest lock wait (ms), worst | attempts, median | DDL done after blocker ended (ms), median (range) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Map<String, List<LockQueueResult>> byVariant = results.stream()
            .collect(Collectors.groupingBy(LockQueueResult::variant, LinkedHashMap::new, Collectors.toList()));
        byVariant.forEach((variant, runs) -> System.out.println(String.format(Locale.ROOT,
                "| %s | %d | %.1f / %.1f | %.1f | %.1f | %.0f (%d-%d) | %d | %.0f | %s | %s |", variant, runs.size(),
                max(runs, LockQueueResult::maxMillis), median(runs, LockQueueResult::maxMillis),
                median(runs, LockQueueResult::p99Millis), median(runs, LockQueueResult::p999Millis),
                median(runs, (run) -> run.over100ms()), (long) min(runs, (run) -> run.over100ms()),
                (long) max(runs, (run) -> run.over100ms()), runs.stream().mapToLong(LockQueueResult::over1s).sum(),
                max(runs, LockQueueResult::lockWaitMillis), migrated(runs) ? String.format(Locale.ROOT, "%.0f", median(runs, (run) -> run.attempts())) : "n/a",
                migrated(runs) ? String.format(Locale.ROOT, "%.0f (%d-%d)", median(runs, (run) -> run.doneAfterBlockerMillis()),
                        (long) min(runs, (run) -> run.doneAfterBlockerMillis()),
                        (long) max(runs, (run) -> run.doneAfterBlockerMillis())) : "n/a")));
    }

    private static boolean migrated(List<LockQueueResult> runs) {
        return runs.stream().allMatch((run) -> run.attempts() > 0);
    }

    private static double median(List<LockQueueResult> runs, ToDoubleFunction<LockQueueResult> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double max(List<LockQueueResult> runs, ToDoubleFunction<LockQueueResult> value) {
        return runs.stream().mapToDouble(value).max().orElse(0);
    }

    private static double min(List<LockQueueResult> runs, ToDoubleFunction<LockQueueResult> value) {
        return runs.stream().mapToDouble(value).min().orElse(0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException ex) {
            return "unknown";
        }
    }

    private static void writeMigration(Path dir, int version, String description, String sql) throws IOException {
        Path flyway = dir.resolve("flyway/V" + version + "__" + description + ".sql");
        Path tidemark = dir.resolve("tidemark/1.0.0/V" + version + "__expand__" + description + ".sql");
        Files.createDirectories(flyway.getParent());
        Files.createDirectories(tidemark.getParent());
        Files.writeString(flyway, sql);
        Files.writeString(tidemark, sql);
    }

    private void recreateDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(this.settings.serverUrl(), this.settings.user(),
                this.settings.password())) {
            execute(connection, "DROP DATABASE IF EXISTS " + BenchmarkSettings.DATABASE + " WITH (FORCE)");
            execute(connection, "CREATE DATABASE " + BenchmarkSettings.DATABASE);
        }
    }

    private void dropDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(this.settings.serverUrl(), this.settings.user(),
                this.settings.password())) {
            execute(connection, "DROP DATABASE IF EXISTS " + BenchmarkSettings.DATABASE + " WITH (FORCE)");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(this.settings.databaseUrl(), this.settings.user(), this.settings.password());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
