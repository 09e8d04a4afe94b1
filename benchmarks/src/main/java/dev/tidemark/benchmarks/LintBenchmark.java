package dev.tidemark.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.postgresql.ds.PGSimpleDataSource;

import dev.tidemark.migration.LintReport;
import dev.tidemark.migration.LintSettings;
import dev.tidemark.migration.SourceSettings;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.migration.TidemarkLint;

/**
 * How long the safety linter takes on 1,000 migrations, so that it can stay on at startup: without a database
 * (every file read, split, parsed and judged from an empty schema, as a user's test or CI does) and against an
 * empty database (the catalog read first, every migration pending, as the first startup does). Each round uses a
 * new {@code TidemarkLint}, so files are read again. The migrations are a realistic mix: tables, nullable columns,
 * concurrent indexes, NOT VALID constraints and their validation, batched updates, DO blocks, and a few unsafe
 * statements. Run on demand:
 * {@code ./mvnw -q -pl benchmarks exec:java -Dbench.main=dev.tidemark.benchmarks.LintBenchmark}.
 */
public final class LintBenchmark {

    private static final String DATABASE = "tidemark_bench_lint";

    // CPU time of the benchmark's thread: what the lint costs, apart from waiting for a shared machine's cores.
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String serverUrl = System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/postgres");

    private final String user = System.getProperty("bench.user", "postgres");

    private final String password = System.getProperty("bench.password", "");

    private final int migrations = Integer.getInteger("bench.migrations", 1000);

    private final int rounds = Integer.getInteger("bench.rounds", 10);

    public static void main(String[] args) throws Exception {
        new LintBenchmark().run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("bench-lint");
        long bytes = write(dir);
        SourceSettings sources = new SourceSettings(List.of("filesystem:" + dir), List.of(),
                LintBenchmark.class.getClassLoader(), StandardCharsets.UTF_8, true);
        System.out.printf("%d migrations (%d KB)%n", this.migrations, bytes / 1024);

        List<Long> offline = new ArrayList<>();
        List<Long> offlineCpu = new ArrayList<>();
        LintReport report = null;
        for (int round = 0; round <= this.rounds; round++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            report = TidemarkLint.offline(sources, LintSettings.DEFAULTS).lint();
            offline.add(System.nanoTime() - start);
            offlineCpu.add(THREADS.getCurrentThreadCpuTime() - cpu);
        }
        System.out.printf("without a database: first %d ms, then median %d ms, min %d ms; CPU median %d ms, min %d ms "
                + "(%d findings)%n", offline.get(0) / 1_000_000, median(offline.subList(1, offline.size())) / 1_000_000,
                Collections.min(offline.subList(1, offline.size())) / 1_000_000,
                median(offlineCpu.subList(1, offlineCpu.size())) / 1_000_000,
                Collections.min(offlineCpu.subList(1, offlineCpu.size())) / 1_000_000, report.findings().size());

        recreateDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(this.serverUrl.substring(0, this.serverUrl.lastIndexOf('/') + 1) + DATABASE);
        dataSource.setUser(this.user);
        dataSource.setPassword(this.password);
        TidemarkConfiguration configuration = TidemarkConfiguration.builder().dataSource(dataSource).codeVersion("1.0.0")
            .sources(sources).build();
        List<Long> connected = new ArrayList<>();
        List<Long> connectedCpu = new ArrayList<>();
        for (int round = 0; round <= this.rounds; round++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            report = TidemarkLint.of(configuration).lint();
            connected.add(System.nanoTime() - start);
            connectedCpu.add(THREADS.getCurrentThreadCpuTime() - cpu);
        }
        System.out.printf("against an empty database (catalog read, all pending): first %d ms, then median %d ms, "
                + "min %d ms; CPU median %d ms, min %d ms (%d findings)%n", connected.get(0) / 1_000_000,
                median(connected.subList(1, connected.size())) / 1_000_000,
                Collections.min(connected.subList(1, connected.size())) / 1_000_000,
                median(connectedCpu.subList(1, connectedCpu.size())) / 1_000_000,
                Collections.min(connectedCpu.subList(1, connectedCpu.size())) / 1_000_000, report.findings().size());
    }

    /** Writes the migrations; returns their size in bytes. */
    private long write(Path dir) throws Exception {
        long bytes = 0;
        for (int i = 1; i <= this.migrations; i++) {
            int table = (i - 1) / 10;
            String phase;
            String sql;
            switch (i % 10) {
                case 1 -> {
                    phase = "expand";
                    sql = "CREATE TABLE t" + table + " (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                            + "    name text NOT NULL,\n    created_at timestamptz NOT NULL DEFAULT now()\n);\n";
                }
                case 2 -> {
                    phase = "expand";
                    sql = "-- a nullable column: catalog only\nALTER TABLE t" + table + " ADD COLUMN email text;\n"
                            + "ALTER TABLE t" + table + " ADD COLUMN score numeric(10,2) DEFAULT 0;\n";
                }
                case 3 -> {
                    phase = "expand";
                    sql = "CREATE INDEX CONCURRENTLY IF NOT EXISTS t" + table + "_email_idx ON t" + table + " (email);\n";
                }
                case 4 -> {
                    phase = "expand";
                    sql = "ALTER TABLE t" + table + " ADD CONSTRAINT t" + table + "_email_check CHECK (email IS NOT NULL) "
                            + "NOT VALID;\n";
                }
                case 5 -> {
                    phase = "migrate";
                    sql = "UPDATE t" + table + " SET email = name || '@example.com'\n WHERE id BETWEEN 1 AND 10000 AND "
                            + "email IS NULL;\n";
                }
                case 6 -> {
                    phase = "migrate";
                    sql = "ALTER TABLE t" + table + " VALIDATE CONSTRAINT t" + table + "_email_check;\n";
                }
                case 7 -> {
                    phase = "contract";
                    sql = "ALTER TABLE t" + table + " ALTER COLUMN email SET NOT NULL;\nALTER TABLE t" + table
                            + " DROP CONSTRAINT t" + table + "_email_check;\n";
                }
                case 8 -> {
                    phase = "expand";
                    sql = "DO $$\nBEGIN\n    IF NOT EXISTS (SELECT FROM pg_type WHERE typname = 'mood" + table + "') THEN\n"
                            + "        CREATE TYPE mood" + table + " AS ENUM ('ok', 'sad');\n    END IF;\nEND $$;\n";
                }
                case 9 -> {
                    // One unsafe statement in ten files: the report has findings to build.
                    phase = "expand";
                    sql = "ALTER TABLE t" + table + " ALTER COLUMN score TYPE numeric(12,3);\n";
                }
                default -> {
                    phase = "contract";
                    sql = "ALTER TABLE t" + table + " DROP COLUMN IF EXISTS score;\n";
                }
            }
            Path file = dir.resolve("1.0.0/V" + i + "__" + phase + "__step_" + i + ".sql");
            Files.createDirectories(file.getParent());
            Files.writeString(file, sql);
            bytes += sql.length();
        }
        return bytes;
    }

    private void recreateDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(this.serverUrl, this.user, this.password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

}
