package dev.tidemark.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
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
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;

/**
 * What a health probe costs: the Spring health indicator, the Actuator endpoint and every reconcile tick
 * call {@link Tidemark#info()} on the application's one {@code Tidemark} object, so this times repeated
 * {@code info()} calls on one object whose migrations are all applied. Three layouts: 300 small files in
 * a folder, one 50 MB data script in a folder, and the same script inside a jar on the class path (how a
 * Spring Boot application ships it). Run on demand:
 * {@code ./mvnw -q -pl benchmarks exec:java -Dbench.main=dev.tidemark.benchmarks.HealthProbeBenchmark}.
 * <p>
 * System properties: {@code bench.url}, {@code bench.user}, {@code bench.password} as in the other
 * benchmarks, {@code bench.files} (300), {@code bench.bigfile.mb} (50), {@code bench.calls} (15 timed
 * calls after 3 untimed ones).
 */
public final class HealthProbeBenchmark {

    private static final String DATABASE = "tidemark_bench_probe";

    private static final int WARM_UP_CALLS = 3;

    private final String serverUrl = System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/postgres");

    private final String user = System.getProperty("bench.user", "postgres");

    private final String password = System.getProperty("bench.password", "");

    private final int files = Integer.getInteger("bench.files", 300);

    private final int bigFileMegabytes = Integer.getInteger("bench.bigfile.mb", 50);

    private final int calls = Integer.getInteger("bench.calls", 15);

    public static void main(String[] args) throws Exception {
        new HealthProbeBenchmark().run();
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("bench-probe");
        List<String> rows = new ArrayList<>();
        try {
            Path many = work.resolve("many");
            for (int i = 1; i <= this.files; i++) {
                write(many.resolve("1.0.0/V" + i + "__expand__create_t" + i + ".sql"),
                        "CREATE TABLE t" + i + " (id int PRIMARY KEY, note text);");
            }
            rows.add(scenario(this.files + " small files, filesystem:", (builder) -> builder.locations("filesystem:" + many)));

            Path big = work.resolve("big");
            writeBigMigration(big);
            rows.add(scenario("one " + this.bigFileMegabytes + " MB file, filesystem:",
                    (builder) -> builder.locations("filesystem:" + big)));

            Path jar = work.resolve("migrations.jar");
            writeJar(big, jar);
            try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
                rows.add(scenario("one " + this.bigFileMegabytes + " MB file, jar on the class path",
                        (builder) -> builder.classLoader(loader).locations("classpath:db/migration")));
            }
        }
        finally {
            admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            deleteTree(work);
        }
        System.out.println();
        System.out.println("| layout | migrate() (ms) | info() min (ms) | info() median (ms) | info() max (ms) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        rows.forEach(System.out::println);
    }

    private String scenario(String name, UnaryOperator<TidemarkConfiguration.Builder> locations) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        admin("CREATE DATABASE " + DATABASE);
        List<Double> millis = new ArrayList<>();
        long migrate;
        try (HikariDataSource pool = pool()) {
            Tidemark tidemark = new Tidemark(
                    locations.apply(TidemarkConfiguration.builder().dataSource(pool).codeVersion("1.0.0")).build());
            long start = System.nanoTime();
            tidemark.migrate();
            migrate = (System.nanoTime() - start) / 1_000_000;
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                tidemark.info();
            }
            for (int i = 0; i < this.calls; i++) {
                long callStart = System.nanoTime();
                tidemark.info();
                millis.add((System.nanoTime() - callStart) / 1e6);
            }
        }
        millis.sort(null);
        String row = String.format("| %s | %,d | %.1f | %.1f | %.1f |", name, migrate, millis.get(0),
                millis.get(millis.size() / 2), millis.get(millis.size() - 1));
        System.out.println(row);
        return row;
    }

    /** A table and one data script of multi-row INSERTs (500 rows of ~100 bytes per statement). */
    private void writeBigMigration(Path root) throws IOException {
        write(root.resolve("1.0.0/V1__expand__create_big.sql"), "CREATE TABLE big (id int PRIMARY KEY, note text);");
        Path data = root.resolve("1.0.0/V2__expand__load_big.sql");
        long target = this.bigFileMegabytes * 1024L * 1024L;
        long written = 0;
        int id = 0;
        try (BufferedWriter out = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            while (written < target) {
                StringBuilder statement = new StringBuilder("INSERT INTO big (id, note) VALUES\n");
                for (int row = 0; row < 500; row++) {
                    id++;
                    statement.append((row == 0) ? "  " : ", ").append('(').append(id)
                        .append(", 'row ").append(id).append(": the quick brown fox jumps over the lazy dog, "
                                + "again and again and again')\n");
                }
                statement.append(";\n");
                out.write(statement.toString());
                written += statement.length();
            }
        }
    }

    private static void writeJar(Path root, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : new String[] { "db/", "db/migration/", "db/migration/1.0.0/" }) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            try (Stream<Path> scripts = Files.list(root.resolve("1.0.0"))) {
                for (Path script : scripts.sorted().toList()) {
                    out.putNextEntry(new JarEntry("db/migration/1.0.0/" + script.getFileName()));
                    Files.copy(script, out);
                    out.closeEntry();
                }
            }
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A pool as Spring Boot configures one, so that a probe's time is Tidemark's work, not opening connections. */
    private HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        int slash = this.serverUrl.lastIndexOf('/');
        config.setJdbcUrl(this.serverUrl.substring(0, slash + 1) + DATABASE);
        config.setUsername(this.user);
        config.setPassword(this.password);
        return new HikariDataSource(config);
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(this.serverUrl, this.user, this.password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
