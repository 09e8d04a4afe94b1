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
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;

/**
 * Startup with a long history: how long a start with nothing to apply takes when 100, 1,000 or 10,000
 * migrations are applied, for Tidemark ({@code expand()}), Flyway ({@code migrate()}), Liquibase
 * ({@code update()}) and the floor (list the files, CRC each, one history query). Every start is a fresh
 * JVM ({@link StartupProbe}); the tools take turns within each round so that a busy moment of this shared
 * machine does not fall on one tool only. Measured: the tool's call with the pool already open, the whole
 * process from launch to exit, and the peak RSS. Medians of {@code bench.starts} starts.
 * <p>
 * The same SQL is written in each tool's format (the first 50 migrations create tables, the others add
 * a commented column, every 20th an index too), into a folder per size; each tool's database
 * ({@code tidemark_bench_start_<tool>_<size>}) is migrated once by the tool itself and kept for later runs
 * while its history has the right number of rows (above {@code bench.toolPrepareMax}, 1,000 by default, the history
 * is filled in directly, see {@link HistoryFill}: Flyway needs hours to apply 10,000 migrations one by one on this
 * machine). Run on demand (see docs/benchmarks.md):
 * {@code ./mvnw -q -pl benchmarks exec:java -Dbench.main=dev.tidemark.benchmarks.StartupBenchmark}.
 * <p>
 * System properties: {@code bench.url}, {@code bench.user}, {@code bench.password} as in the other
 * benchmarks; {@code bench.sizes} (100,1000,10000), {@code bench.starts} (5), {@code bench.tools}
 * (floor,tidemark,flyway,liquibase), {@code bench.dir} (where the migration files go; a temporary folder
 * by default), {@code bench.jvmArgs} (extra options for the started JVMs).
 */
public final class StartupBenchmark {

    private static final Pattern RESULT = Pattern.compile("RESULT tool=(\\S+) callMs=(\\S+) peakRssKb=(\\S+) cpuMs=(\\S+)");

    private final String serverUrl = System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/postgres");

    private final String user = System.getProperty("bench.user", "postgres");

    private final String password = System.getProperty("bench.password", "");

    private final List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "100,1000,10000").split(","))
        .map(String::trim).map(Integer::valueOf).toList();

    private final int starts = Integer.getInteger("bench.starts", 5);

    /** Above this many migrations a database is prepared by {@link HistoryFill}, not by the tool applying each one. */
    private final int toolPrepareMax = Integer.getInteger("bench.toolPrepareMax", 1000);

    private final List<String> tools = List.of(System.getProperty("bench.tools", "floor,tidemark,flyway,liquibase")
        .split(","));

    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        new StartupBenchmark().run();
    }

    private void run() throws Exception {
        Path root = System.getProperty("bench.dir") != null ? Paths.get(System.getProperty("bench.dir"))
                : Files.createTempDirectory("bench-startup");
        Map<Integer, Map<String, Measured>> results = new LinkedHashMap<>();
        for (int size : this.sizes) {
            MigrationSet files = MigrationSet.write(root.resolve(String.valueOf(size)), size);
            for (String tool : this.tools) {
                prepare(tool, size, files);
            }
            Map<String, Measured> measured = new LinkedHashMap<>();
            this.tools.forEach((tool) -> measured.put(tool, new Measured()));
            for (int start = 0; start < this.starts; start++) {
                for (String tool : this.tools) {
                    measured.get(tool).add(probe(tool, size, files));
                }
            }
            results.put(size, measured);
            System.out.printf("%,d applied: %s%n", size, measured);
        }
        System.out.println();
        System.out.println(table(results));
    }

    /** Migrates the tool's database once, unless an earlier run left it with the full history. */
    private void prepare(String tool, int size, MigrationSet files) throws Exception {
        String database = database(tool.equals("floor") ? "flyway" : tool, size);
        String historyTable = switch (tool) {
            case "tidemark" -> "tidemark_history";
            case "liquibase" -> "databasechangelog";
            default -> "flyway_schema_history";
        };
        if (historyRows(database, historyTable) == size) {
            return;
        }
        System.out.printf("Preparing %s with %,d migrations...%n", database, size);
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        admin("CREATE DATABASE " + database);
        PGSimpleDataSource dataSource = dataSource(database);
        if (size > this.toolPrepareMax) {
            MigrationSet first = MigrationSet.write(files.tidemark().getParent().resolveSibling("first-" + this.toolPrepareMax),
                    this.toolPrepareMax);
            migrate(tool, dataSource, database, first);
            HistoryFill.fill(tool, dataSource, this.toolPrepareMax + 1, size);
            if (tool.equals("liquibase")) {
                // Untimed: Liquibase fills in the checksums the filled rows lack.
                runProbe("liquibase", database, files.liquibase());
            }
        }
        else {
            migrate(tool, dataSource, database, files);
        }
        if (historyRows(database, historyTable) != size) {
            throw new IllegalStateException(database + " does not have " + size + " history rows after preparing");
        }
    }

    private void migrate(String tool, PGSimpleDataSource dataSource, String database, MigrationSet files) throws Exception {
        switch (tool) {
            case "tidemark" -> new Tidemark(TidemarkConfiguration.builder().dataSource(dataSource).codeVersion("99.0.0")
                .locations("filesystem:" + files.tidemark()).host("bench").build()).migrate();
            case "flyway", "floor" -> Flyway.configure().dataSource(dataSource).locations("filesystem:" + files.flyway())
                .load().migrate();
            case "liquibase" -> runProbe("liquibase", database, files.liquibase());
            default -> throw new IllegalArgumentException(tool);
        }
    }

    private Result probe(String tool, int size, MigrationSet files) throws Exception {
        Path folder = switch (tool) {
            case "tidemark" -> files.tidemark();
            case "liquibase" -> files.liquibase();
            default -> files.flyway();
        };
        long start = System.nanoTime();
        String output = runProbe(tool, database(tool.equals("floor") ? "flyway" : tool, size), folder);
        double wallMs = (System.nanoTime() - start) / 1e6;
        Matcher matcher = RESULT.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException(tool + " printed no result:\n" + output);
        }
        return new Result(Double.parseDouble(matcher.group(2)), wallMs, Long.parseLong(matcher.group(3)),
                Double.parseDouble(matcher.group(4)));
    }

    private String runProbe(String tool, String database, Path folder) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getProperty("bench.jvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dliquibase.analytics.enabled=false", "-Dbench.user=" + this.user,
                "-Dbench.password=" + this.password, "-cp", classPath(), StartupProbe.class.getName(), tool,
                url(database), folder.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(tool + " failed:\n" + output);
        }
        return output.toString();
    }

    /** The class path of this benchmark, also under exec:java, which runs it in a class loader of its own. */
    private static String classPath() throws URISyntaxException {
        if (StartupBenchmark.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(Paths.get(url.toURI()).toString());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static String table(Map<Integer, Map<String, Measured>> results) {
        StringBuilder text = new StringBuilder();
        List<String> tools = results.values().iterator().next().keySet().stream().toList();
        text.append("| applied | ");
        tools.forEach((tool) -> text.append(tool).append(" call (ms) | "));
        tools.forEach((tool) -> text.append(tool).append(" process (ms) | "));
        tools.forEach((tool) -> text.append(tool).append(" peak RSS (MB) | "));
        tools.forEach((tool) -> text.append(tool).append(" call CPU (ms) | "));
        text.append("\n| ---: |").append(" ---: |".repeat(tools.size() * 4)).append('\n');
        results.forEach((size, measured) -> {
            text.append(String.format(Locale.ROOT, "| %,d |", size));
            tools.forEach((tool) -> text.append(String.format(Locale.ROOT, " %,.0f |", measured.get(tool).call())));
            tools.forEach((tool) -> text.append(String.format(Locale.ROOT, " %,.0f |", measured.get(tool).wall())));
            tools.forEach((tool) -> text.append(String.format(Locale.ROOT, " %.0f |", measured.get(tool).rssMb())));
            tools.forEach((tool) -> text.append(String.format(Locale.ROOT, " %,.0f |", measured.get(tool).cpu())));
            text.append('\n');
        });
        return text.toString();
    }

    private int historyRows(String database, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(this.serverUrl, this.user, this.password);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '"
                        + database + "'")) {
            result.next();
            if (result.getInt(1) == 0) {
                return -1;
            }
        }
        try (Connection connection = DriverManager.getConnection(url(database), this.user, this.password);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getInt(1);
        }
        catch (SQLException ex) {
            return -1;
        }
    }

    private static String database(String tool, int size) {
        return "tidemark_bench_start_" + tool + "_" + size;
    }

    private String url(String database) {
        int slash = this.serverUrl.lastIndexOf('/');
        return this.serverUrl.substring(0, slash + 1) + database;
    }

    private PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url(database));
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

    /** One start of one tool. */
    private record Result(double callMs, double wallMs, long peakRssKb, double cpuMs) {
    }

    /** The starts of one tool at one size. */
    private static final class Measured {

        private final List<Result> results = new ArrayList<>();

        void add(Result result) {
            this.results.add(result);
        }

        double call() {
            return median(this.results.stream().mapToDouble(Result::callMs).toArray());
        }

        double wall() {
            return median(this.results.stream().mapToDouble(Result::wallMs).toArray());
        }

        double cpu() {
            return median(this.results.stream().mapToDouble(Result::cpuMs).toArray());
        }

        double rssMb() {
            return median(this.results.stream().mapToDouble((result) -> result.peakRssKb() / 1024.0).toArray());
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "call %.0f ms (CPU %.0f ms), process %.0f ms, peak RSS %.0f MB (calls: %s)",
                    call(), cpu(), wall(), rssMb(), this.results.stream().map((result) -> String.format(Locale.ROOT, "%.0f", result.callMs()))
                        .toList());
        }

    }

    /** The same migrations in each tool's format. */
    record MigrationSet(Path tidemark, Path flyway, Path liquibase) {

        private static final int TABLES = 50;

        static MigrationSet write(Path root, int size) throws IOException {
            MigrationSet set = new MigrationSet(root.resolve("tidemark"), root.resolve("flyway"), root.resolve("liquibase"));
            if (Files.exists(root.resolve("complete"))) {
                return set;
            }
            Files.createDirectories(set.liquibase().resolve("changes"));
            Files.createDirectories(set.flyway());
            for (int i = 1; i <= size; i++) {
                String sql = sql(i);
                Path tidemarkFile = set.tidemark().resolve("1." + (i / 100) + ".0/V" + i + "__expand__change_" + i + ".sql");
                Files.createDirectories(tidemarkFile.getParent());
                Files.writeString(tidemarkFile, sql);
                Files.writeString(set.flyway().resolve("V" + i + "__change_" + i + ".sql"), sql);
                Files.writeString(set.liquibase().resolve(String.format(Locale.ROOT, "changes/%06d.sql", i)),
                        "--liquibase formatted sql\n\n--changeset bench:" + i + "\n" + sql);
            }
            Files.writeString(set.liquibase().resolve("changelog.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                        <includeAll path="changes/" relativeToChangelogFile="true"/>
                    </databaseChangeLog>
                    """);
            Files.writeString(root.resolve("complete"), "");
            return set;
        }

        /** A small, commented migration of the kind a long-lived application accumulates. */
        static String sql(int i) {
            if (i <= TABLES) {
                return "-- Migration " + i + ": a table of its own.\n"
                        + "-- Generated for the startup benchmark; the content is typical, not special.\n"
                        + "CREATE TABLE t_" + i + " (\n"
                        + "    id bigint PRIMARY KEY,\n"
                        + "    created_at timestamptz NOT NULL DEFAULT now()\n"
                        + ");\n";
            }
            int table = 1 + i % TABLES;
            String column = "c_" + i;
            StringBuilder sql = new StringBuilder()
                .append("-- Migration ").append(i).append(": adds ").append(column).append(" to t_").append(table).append(".\n")
                .append("-- Generated for the startup benchmark; the content is typical, not special.\n")
                .append("ALTER TABLE t_").append(table).append(" ADD COLUMN ").append(column).append(" text;\n")
                .append("COMMENT ON COLUMN t_").append(table).append('.').append(column)
                .append(" IS 'added by migration ").append(i).append(", it''s documented';\n");
            if (i % 20 == 0) {
                sql.append("CREATE INDEX i_").append(i).append(" ON t_").append(table).append(" (").append(column).append(");\n");
            }
            return sql.toString();
        }

    }

}
