package dev.tidemark.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;

import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.migration.internal.resolve.Checksums;
import dev.tidemark.migration.internal.resolve.MigrationDirectives;
import dev.tidemark.migration.internal.sql.SqlScriptSplitter;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.sql.StatementClassifier;

/**
 * Where a cold start's time goes: in one fresh JVM, the stages of a Tidemark start with nothing to apply,
 * one after the other in the order the engine runs them, each timed on first use (so each includes the
 * loading and interpreting of the code it needs, as it does at startup), then a whole {@code expand()} on
 * a new object (the rest: planning, describing, logging) and another one once everything is warm. It
 * calls internal classes on purpose: it measures them. Run through {@link StartupBenchmark}'s files:
 * {@code java -cp <benchmark class path> dev.tidemark.benchmarks.StartupBreakdown <jdbc url> <tidemark folder>}.
 */
public final class StartupBreakdown {

    private StartupBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path folder = Path.of(args[1]);
        Map<String, Double> stages = new LinkedHashMap<>();
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(url);
            pool.setUsername(System.getProperty("bench.user", "postgres"));
            pool.setPassword(System.getProperty("bench.password", ""));
            try (Connection warm = pool.getConnection()) {
                warm.isValid(1);
            }
            long t = System.nanoTime();
            List<Path> files;
            try (Stream<Path> paths = Files.walk(folder)) {
                files = paths.filter((path) -> path.toString().endsWith(".sql")).sorted().toList();
                files.forEach((file) -> file.toFile().lastModified());
            }
            t = lap(stages, "list and stat the files", t);
            List<byte[]> bytes = new ArrayList<>();
            for (Path file : files) {
                bytes.add(Files.readAllBytes(file));
            }
            t = lap(stages, "read them", t);
            List<String> texts = new ArrayList<>();
            for (byte[] content : bytes) {
                texts.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString());
            }
            t = lap(stages, "decode strictly (UTF-8)", t);
            for (String text : texts) {
                Checksums.of(text);
            }
            t = lap(stages, "SHA-256 checksums (normalize, encode, digest)", t);
            for (int i = 0; i < texts.size(); i++) {
                MigrationDirectives.parse(files.get(i).toString(), Checksums.normalize(texts.get(i)));
            }
            t = lap(stages, "header directives", t);
            int statements = 0;
            for (String text : texts) {
                for (SqlStatement statement : SqlScriptSplitter.split(Checksums.normalize(text))) {
                    statements++;
                    StatementClassifier.canRunInTransaction(statement);
                }
            }
            t = lap(stages, "lex " + statements + " statements and classify them", t);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT * FROM tidemark_history ORDER BY installed_rank")) {
                while (rows.next()) {
                    rows.getString("checksum");
                }
            }
            t = lap(stages, "one history query", t);
            TidemarkConfiguration configuration = TidemarkConfiguration.builder().dataSource(pool).codeVersion("99.0.0")
                .locations("filesystem:" + folder).host("bench").build();
            new Tidemark(configuration).expand();
            t = lap(stages, "expand() on a new object, after the stages above", t);
            new Tidemark(configuration).expand();
            lap(stages, "expand() on another new object, warm", t);
        }
        stages.forEach((stage, ms) -> System.out.printf("STAGE %-55s %8.1f ms%n", stage, ms));
    }

    private static long lap(Map<String, Double> stages, String stage, long since) {
        long now = System.nanoTime();
        stages.put(stage, (now - since) / 1e6);
        return now;
    }

}
