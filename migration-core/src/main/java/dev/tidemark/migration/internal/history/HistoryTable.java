package dev.tidemark.migration.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.TableName;

/**
 * The history table: one row per applied migration (and one per failed non-transactional attempt).
 * Methods take the connection to use, so that a row can be written in the migration's own
 * transaction. Thread-safe (stateless).
 */
public final class HistoryTable {

    private final TableName name;

    /**
     * Creates the accessor.
     * @param schema the schema, already resolved (never {@code null})
     * @param table the table name
     */
    public HistoryTable(String schema, String table) {
        this.name = new TableName(schema, table);
    }

    /** The quoted, schema-qualified table name. */
    public String qualifiedName() {
        return this.name.qualified();
    }

    /** Whether the table exists. */
    public boolean exists(Connection connection) throws SQLException {
        return this.name.exists(connection);
    }

    /**
     * Creates the schema and table if they are missing. Call only while holding the migration lock, so
     * that instances starting together on an empty database never race on the catalog.
     */
    public void createIfAbsent(Connection connection) throws SQLException {
        if (exists(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + TableName.quote(this.name.schema()));
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName() + " ("
                    + "installed_rank integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "version text NOT NULL, "
                    + "description text NOT NULL, "
                    + "phase text NOT NULL CHECK (phase IN ('EXPAND', 'MIGRATE', 'CONTRACT')), "
                    + "release text NOT NULL, "
                    + "script text NOT NULL, "
                    + "checksum text, "
                    + "installed_by text NOT NULL DEFAULT current_user, "
                    + "installed_on timestamptz NOT NULL DEFAULT now(), "
                    + "host text NOT NULL, "
                    + "code_version text NOT NULL, "
                    + "execution_time_ms integer NOT NULL, "
                    + "outcome text NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILED')), "
                    + "statements_applied integer NOT NULL DEFAULT 0, "
                    + "note text)");
            // The last line of defence against a double application: even an instance that lost its lock
            // mid-run cannot commit a second success row for a version.
            statement.execute("CREATE UNIQUE INDEX IF NOT EXISTS "
                    + TableName.quote(this.name.table() + "_version_success")
                    + " ON " + qualifiedName() + " (version) WHERE outcome = 'SUCCESS'");
        }
    }

    /** Reads every row in order of application; an absent table reads as empty. */
    public List<AppliedMigration> readAll(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT installed_rank, version, description, phase, release, "
                        + "script, checksum, installed_by, installed_on, host, code_version, execution_time_ms, outcome, "
                        + "statements_applied, note FROM " + qualifiedName() + " ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(new AppliedMigration(result.getInt(1), Version.parse(result.getString(2)), result.getString(3),
                        Phase.valueOf(result.getString(4)), Version.parse(result.getString(5)), result.getString(6),
                        result.getString(7), result.getString(8), result.getTimestamp(9).toInstant(), result.getString(10),
                        result.getString(11), Duration.ofMillis(result.getInt(12)), "SUCCESS".equals(result.getString(13)),
                        result.getInt(14), result.getString(15)));
            }
        }
        return rows;
    }

    /** Records a successful application, in the caller's transaction. */
    public void recordSuccess(Connection connection, ResolvedMigration migration, String host, String codeVersion,
            Duration executionTime, @Nullable String note) throws SQLException {
        insert(connection, migration, migration.checksum(), host, codeVersion, executionTime, "SUCCESS", 0, note);
    }

    /**
     * Records a failed attempt of a non-transactional migration and how far it got; its checksum column
     * holds the checksum of the statements that completed, which decides whether a retry may resume.
     */
    public void recordFailure(Connection connection, ResolvedMigration migration, String completedChecksum, String host,
            String codeVersion, Duration executionTime, int statementsApplied) throws SQLException {
        insert(connection, migration, completedChecksum, host, codeVersion, executionTime, "FAILED", statementsApplied,
                null);
    }


    /** Removes the failed rows of a version, before it is retried. */
    public void deleteFailures(Connection connection, Version version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM " + qualifiedName() + " WHERE version = ? AND outcome = 'FAILED'")) {
            statement.setString(1, version.toString());
            statement.executeUpdate();
        }
    }

    private void insert(Connection connection, ResolvedMigration migration, @Nullable String checksum, String host,
            String codeVersion, Duration executionTime, String outcome, int statementsApplied, @Nullable String note)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " (version, description, phase, release, script, checksum, host, code_version, execution_time_ms, "
                + "outcome, statements_applied, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, migration.version().toString());
            statement.setString(2, migration.description());
            statement.setString(3, migration.phase().name());
            statement.setString(4, migration.release().toString());
            statement.setString(5, migration.script());
            statement.setString(6, checksum);
            statement.setString(7, host);
            statement.setString(8, codeVersion);
            statement.setInt(9, (int) Math.min(Integer.MAX_VALUE, executionTime.toMillis()));
            statement.setString(10, outcome);
            statement.setInt(11, statementsApplied);
            statement.setString(12, note);
            statement.executeUpdate();
        }
    }

}
