package dev.tidemark.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import javax.sql.DataSource;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;

import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;

/**
 * One start of one tool in a fresh JVM, for {@link StartupBenchmark}: opens a small connection pool
 * first (as a Spring Boot application has one before its migration tool runs), then times the tool's
 * call with nothing to apply, and prints one line {@code RESULT tool=... callMs=... peakRssKb=... cpuMs=...}: the
 * call's wall time, the peak resident set size from {@code /proc/self/status} after the call, and the CPU time the
 * whole process used during the call, every thread included (the JIT compiler's and the garbage collector's too):
 * on a busy machine wall time mostly measures the wait for a core, CPU time does not.
 * <p>
 * Arguments: tool ({@code floor}, {@code tidemark}, {@code flyway}, {@code liquibase}), JDBC URL, folder of
 * that tool's migrations. The floor lists the files, reads each and takes its CRC32, and reads the
 * history table once: the least any tool must do to validate every applied file.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        String tool = args[0];
        String url = args[1];
        Path folder = Path.of(args[2]);
        try (HikariDataSource pool = pool(url)) {
            OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = system.getProcessCpuTime();
            long start = System.nanoTime();
            switch (tool) {
                case "floor" -> floor(pool, folder);
                case "tidemark" -> tidemark(pool, folder);
                case "flyway" -> flyway(pool, folder);
                case "liquibase" -> liquibase(pool, folder);
                default -> throw new IllegalArgumentException("unknown tool " + tool);
            }
            double callMs = (System.nanoTime() - start) / 1e6;
            double cpuMs = (system.getProcessCpuTime() - cpuStart) / 1e6;
            System.out.println("RESULT tool=" + tool + " callMs=" + callMs + " peakRssKb=" + peakRssKb() + " cpuMs=" + cpuMs);
        }
    }

    private static HikariDataSource pool(String url) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getProperty("bench.user", "postgres"));
        config.setPassword(System.getProperty("bench.password", ""));
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(3);
        HikariDataSource pool = new HikariDataSource(config);
        // Open every connection before the clock starts: the tool's call is measured, not the connecting.
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection(); Connection c = pool.getConnection()) {
            a.isValid(1);
            b.isValid(1);
            c.isValid(1);
        }
        return pool;
    }

    private static void tidemark(DataSource dataSource, Path folder) {
        new Tidemark(TidemarkConfiguration.builder().dataSource(dataSource).codeVersion("99.0.0")
            .locations("filesystem:" + folder).host("bench").build()).expand();
    }

    private static void flyway(DataSource dataSource, Path folder) {
        Flyway.configure().dataSource(dataSource).locations("filesystem:" + folder).load().migrate();
    }

    private static void liquibase(DataSource dataSource, Path folder) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase("changelog.xml", new DirectoryResourceAccessor(folder), database)) {
                liquibase.update(new Contexts(), new LabelExpression());
            }
        }
    }

    /** List, read and CRC every file, read the history once, and compare: the validation floor. */
    private static void floor(DataSource dataSource, Path folder) throws IOException, SQLException {
        Map<String, Integer> files = new HashMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : paths.filter((path) -> path.toString().endsWith(".sql")).toList()) {
                CRC32 crc = new CRC32();
                crc.update(Files.readAllBytes(file));
                files.put(file.getFileName().toString(), (int) crc.getValue());
            }
        }
        int matched = 0;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT script, checksum FROM flyway_schema_history")) {
            while (rows.next()) {
                matched += files.containsKey(rows.getString(1)) ? 1 : 0;
            }
        }
        if (matched != files.size()) {
            throw new IllegalStateException("floor: " + matched + " history rows for " + files.size() + " files");
        }
    }

    static long peakRssKb() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
        for (String line : lines) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

}
