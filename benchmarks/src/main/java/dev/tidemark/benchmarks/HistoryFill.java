package dev.tidemark.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;

import javax.sql.DataSource;

/**
 * Brings a database that a tool has migrated up to its first migrations to N applied migrations without the
 * tool applying the others one by one (Flyway re-reads its history for every migration it applies, which takes
 * hours at 10,000 on this machine): their SQL runs in a few transactions, and their history rows are written
 * as the tool writes them. Flyway's checksum is computed here as Flyway's own code does it (a CRC32 over each
 * line read with {@code BufferedReader.readLine()}), Tidemark's as it is specified (the first 16 hex digits of
 * the SHA-256 of the content, which has no carriage return or byte-order mark here); Liquibase's rows are written
 * without a checksum, which Liquibase fills in on its next run (the benchmark runs one, untimed). A start with
 * nothing to do then checks every row as it would after the tool applied them itself.
 */
final class HistoryFill {

    private HistoryFill() {
    }

    /** Applies migrations {@code from}..{@code to} and records them in the tool's history. */
    static void fill(String tool, DataSource dataSource, int from, int to) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement(); PreparedStatement row = connection.prepareStatement(insert(tool))) {
                for (int i = from; i <= to; i++) {
                    String sql = StartupBenchmark.MigrationSet.sql(i);
                    ddl.execute(sql);
                    describe(tool, row, i, sql);
                    row.addBatch();
                    if (i % 500 == 0 || i == to) {
                        row.executeBatch();
                        connection.commit();
                    }
                }
            }
        }
    }

    private static String insert(String tool) {
        return switch (tool) {
            case "tidemark" -> "INSERT INTO tidemark_history (version, description, phase, release, script, checksum, host, "
                    + "code_version, execution_time_ms, outcome) VALUES (?, ?, 'EXPAND', ?, ?, ?, 'bench', '99.0.0', 1, 'SUCCESS')";
            case "liquibase" -> "INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, "
                    + "md5sum, description, comments, liquibase, deployment_id) VALUES (?, 'bench', ?, now(), ?, 'EXECUTED', "
                    + "NULL, 'sql', '', '4.33.0', '0000000000')";
            default -> "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) VALUES (?, ?, ?, 'SQL', ?, ?, 'postgres', 1, true)";
        };
    }

    private static void describe(String tool, PreparedStatement row, int i, String sql) throws SQLException, IOException {
        switch (tool) {
            case "tidemark" -> {
                String release = "1." + (i / 100) + ".0";
                row.setString(1, String.valueOf(i));
                row.setString(2, "change " + i);
                row.setString(3, release);
                row.setString(4, release + "/V" + i + "__expand__change_" + i + ".sql");
                row.setString(5, sha256(sql));
            }
            case "liquibase" -> {
                row.setString(1, String.valueOf(i));
                row.setString(2, String.format(Locale.ROOT, "changes/%06d.sql", i));
                row.setInt(3, i);
            }
            default -> {
                row.setInt(1, i);
                row.setString(2, String.valueOf(i));
                row.setString(3, "change " + i);
                row.setString(4, "V" + i + "__change_" + i + ".sql");
                row.setInt(5, flywayChecksum(sql));
            }
        }
    }

    private static int flywayChecksum(String sql) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(sql))) {
            String line;
            while ((line = reader.readLine()) != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    private static String sha256(String sql) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
