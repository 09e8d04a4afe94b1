package dev.tidemark.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.ds.PGSimpleDataSource;

import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;

/**
 * How long a fresh database takes to receive many small migrations, and how long a run with nothing to
 * do takes: the per-migration overhead of locking, lock policy, watchdog and history rows. The run with
 * nothing to do is timed twice: on a new {@code Tidemark} object (an application's startup, which reads
 * every file) and again on the same object (a reconcile tick, which reads only files that changed).
 * Run on demand:
 * {@code ./mvnw -q -pl benchmarks exec:java -Dbench.main=dev.tidemark.benchmarks.ManyMigrationsBenchmark}.
 */
public final class ManyMigrationsBenchmark {

    private static final String DATABASE = "tidemark_bench_many";

    private final String serverUrl = System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/postgres");

    private final String user = System.getProperty("bench.user", "postgres");

    private final String password = System.getProperty("bench.password", "");

    private final int migrations = Integer.getInteger("bench.migrations", 300);

    private final int rounds = Integer.getInteger("bench.rounds", 5);

    public static void main(String[] args) throws Exception {
        new ManyMigrationsBenchmark().run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("bench-many");
        for (int i = 1; i <= this.migrations; i++) {
            Path file = dir.resolve("1.0.0/V" + i + "__expand__create_t" + i + ".sql");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "CREATE TABLE t" + i + " (id int PRIMARY KEY, note text);");
        }
        List<Long> fresh = new ArrayList<>();
        List<Long> upToDate = new ArrayList<>();
        List<Long> repeat = new ArrayList<>();
        for (int round = 0; round < this.rounds; round++) {
            admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            admin("CREATE DATABASE " + DATABASE);
            Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(dataSource()).codeVersion("1.0.0")
                .locations("filesystem:" + dir).build());
            fresh.add(timed(tidemark));
            Tidemark restarted = new Tidemark(tidemark.configuration());
            upToDate.add(timed(restarted));
            repeat.add(timed(restarted));
        }
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        System.out.printf("%d migrations on a fresh database, ms per round: %s%n", this.migrations, fresh);
        System.out.printf("startup with all %d applied (new Tidemark object), ms per round: %s%n", this.migrations, upToDate);
        System.out.printf("nothing to do again on the same object (reconcile tick), ms per round: %s%n", repeat);
    }

    private static long timed(Tidemark tidemark) {
        long start = System.nanoTime();
        tidemark.migrate();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        int slash = this.serverUrl.lastIndexOf('/');
        dataSource.setUrl(this.serverUrl.substring(0, slash + 1) + DATABASE);
        dataSource.setUser(this.user);
        dataSource.setPassword(this.password);
        return dataSource;
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(this.serverUrl, this.user, this.password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
