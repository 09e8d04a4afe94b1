package dev.tidemark.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;

/**
 * The migrating side of the lock-queue scenario: applies V2 ({@code ALTER TABLE accounts ADD COLUMN flag
 * boolean}) with the variant's tool ({@code none}: nothing, which measures the machine's own noise) and prints {@code MIGRATED <attempts> <commit instant>}. Run as a JVM of its
 * own (arguments: variant, schema, migration folder), it is as cold as an application that starts; a variant
 * whose name ends in {@code -starved} first starts {@code bench.spinners} (default 2) threads that spin at
 * normal priority until it exits, as a JVM busy starting an application under a CPU limit would.
 */
public final class LockQueueMigrator {

    private static final String PREFIX = "MIGRATED ";

    /** Printed once the JVM is up; a line on standard input then starts the migration. */
    static final String READY = "READY";

    private final BenchmarkSettings settings = new BenchmarkSettings();

    private final String variant;

    private final String schema;

    private final Path dir;

    LockQueueMigrator(String variant, String schema, Path dir) {
        this.variant = variant;
        this.schema = schema;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        AtomicBoolean spinning = startSpinners(args[0]);
        // Started before the scenario's clock runs, so that a starved JVM's own boot does not decide whether its
        // migration meets the blocker; nothing of the migration tool is loaded until the go.
        System.out.println(READY);
        BufferedReader go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (go.readLine() == null) {
            System.exit(1);
        }
        Outcome outcome = new LockQueueMigrator(args[0], args[1], Path.of(args[2])).migrate();
        spinning.set(false);
        System.out.println(PREFIX + outcome.attempts() + " " + outcome.committed());
        System.exit(0);
    }

    /** For a {@code -starved} variant, starts the spinning threads; set the result to false to stop them. */
    static AtomicBoolean startSpinners(String variant) {
        AtomicBoolean spinning = new AtomicBoolean(variant.endsWith("-starved"));
        for (int i = 0; spinning.get() && i < Integer.getInteger("bench.spinners", 2); i++) {
            Thread spinner = new Thread(() -> spin(spinning), "spinner-" + i);
            spinner.setDaemon(true);
            spinner.start();
        }
        return spinning;
    }

    /** Burns CPU; the volatile read keeps the loop stoppable at safepoints, so it starves without stopping GC. */
    private static void spin(AtomicBoolean spinning) {
        long x = 0;
        while (spinning.get()) {
            x = x * 31 + 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    /**
     * What the migration took.
     * @param attempts how many attempts
     * @param committed when it committed
     */
    record Outcome(int attempts, Instant committed) {

        /** Reads the line a migrator printed; {@code null} for any other line. */
        static Outcome parse(String line) {
            if (!line.startsWith(PREFIX)) {
                return null;
            }
            String[] fields = line.substring(PREFIX.length()).trim().split(" ");
            return new Outcome(Integer.parseInt(fields[0]), Instant.parse(fields[1]));
        }

    }

    Outcome migrate() throws Exception {
        return switch (this.variant.replace("-starved", "")) {
            case "none" -> nothing();
            case "flyway" -> flyway();
            case "plain-jdbc" -> plainJdbc();
            case "tidemark" -> tidemark(true);
            case "tidemark-no-cancel" -> tidemark(false);
            default -> throw new IllegalArgumentException("Unknown variant " + this.variant);
        };
    }

    /** No migration; it returns when a migration would, after the blocker (so none-starved spins as long). */
    private Outcome nothing() throws InterruptedException {
        Thread.sleep(this.settings.blockerHold().minusSeconds(1).toMillis());
        return new Outcome(0, Instant.now());
    }

    private Outcome flyway() {
        Flyway.configure()
            .dataSource(this.settings.databaseUrl(), this.settings.user(), this.settings.password())
            .schemas(this.schema)
            .locations("filesystem:" + this.dir.resolve("flyway"))
            .load()
            .migrate();
        return new Outcome(1, Instant.now());
    }

    /**
     * The recipe without a tool: {@code SET LOCAL lock_timeout} of 200 ms ({@code bench.plain.lock-timeout.ms}),
     * retried after a fixed pause ({@code bench.plain.pause.ms}, 500 ms) until it succeeds.
     */
    private Outcome plainJdbc() throws Exception {
        int attempts = 0;
        try (Connection connection = DriverManager.getConnection(this.settings.databaseUrl(), this.settings.user(),
                this.settings.password())) {
            execute(connection, "SET search_path = " + this.schema);
            connection.setAutoCommit(false);
            while (true) {
                attempts++;
                try {
                    execute(connection, "SET LOCAL lock_timeout = '" + this.settings.plainLockTimeout().toMillis() + "ms'");
                    execute(connection, "ALTER TABLE accounts ADD COLUMN flag boolean");
                    connection.commit();
                    return new Outcome(attempts, Instant.now());
                }
                catch (SQLException ex) {
                    connection.rollback();
                    if (!"55P03".equals(ex.getSQLState())) {
                        throw ex;
                    }
                    Thread.sleep(this.settings.plainPause().toMillis());
                }
            }
        }
    }

    /** Tidemark with its defaults on an unpooled DataSource, as an application's startup runs it: info(), then expand(). */
    private Outcome tidemark(boolean cancelWhenBlocking) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Instant> committed = new AtomicReference<>();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(this.settings.databaseUrl());
        dataSource.setUser(this.settings.user());
        dataSource.setPassword(this.settings.password());
        dataSource.setCurrentSchema(this.schema);
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder()
            .dataSource(dataSource)
            .codeVersion("1.0.0")
            .schema(this.schema)
            .locations("filesystem:" + this.dir.resolve("tidemark"))
            .cancelWhenBlocking(cancelWhenBlocking)
            .listener(new MigrationListener() {
                @Override
                public void migrationSucceeded(MigrationInfo migration, Duration took, int attemptsMade) {
                    committed.set(Instant.now());
                    attempts.set(attemptsMade);
                }
            })
            .build());
        tidemark.info();
        tidemark.expand();
        return new Outcome(attempts.get(), committed.get());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
