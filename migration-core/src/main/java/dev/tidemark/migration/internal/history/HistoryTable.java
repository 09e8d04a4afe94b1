package dev.tidemark.migration.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.Phase;
import dev.tidemark.migration.TableSettings;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.ConcurrentDdl;
import dev.tidemark.migration.internal.sql.TableName;

/**
 * The history table: one row per applied migration, one per failed non-transactional attempt, and one
 * per migration in progress that must be visible before it ends (a non-transactional migration counting
 * its completed statements, a CONTRACT warning older instances off). Methods take the connection to use,
 * so that a row can be written in the migration's own transaction.
 * <p>
 * The table records its layout in its comment, so that a table created by an earlier Tidemark is read as
 * it is and upgraded under the migration lock. Thread-safe (stateless).
 */
public final class HistoryTable {

    private static final Logger logger = LoggerFactory.getLogger(HistoryTable.class);

    /**
     * Layout 2 added attempts and the session of a running migration, and dropped the CHECK on the outcome
     * (RUNNING is new, and later versions add more).
     */
    static final String LAYOUT_COMMENT = "Tidemark migration history, layout 2";

    /** installed_on in microseconds since the epoch: thousands of rows read faster as numbers than as timestamps. */
    private static final String COLUMNS_V1 = "installed_rank, version, description, phase, release, script, checksum, "
            + "installed_by, (extract(epoch FROM installed_on) * 1000000)::bigint, host, code_version, execution_time_ms, "
            + "outcome, statements_applied, note";

    private static final String COLUMNS = COLUMNS_V1 + ", attempts, backend_pid, backend_start";

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

    /** How the table is laid out in the database. */
    public enum Layout {
        ABSENT, LEGACY, CURRENT
    }

    Layout layout(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.obj_description(c.oid, "
                + "'pg_class') FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            statement.setString(1, this.name.schema());
            statement.setString(2, this.name.table());
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return Layout.ABSENT;
                }
                return LAYOUT_COMMENT.equals(result.getString(1)) ? Layout.CURRENT : Layout.LEGACY;
            }
        }
    }

    /** Whether the table exists. */
    public boolean exists(Connection connection) throws SQLException {
        return layout(connection) != Layout.ABSENT;
    }

    /**
     * Creates the schema and table if they are missing, or upgrades a table an earlier Tidemark created.
     * Call only while holding the migration lock, so that instances migrating together never race on
     * the table; the schema may still be created at the same moment by an instance that registers.
     */
    public void createOrUpgrade(Connection connection) throws SQLException {
        Layout layout = layout(connection);
        if (layout == Layout.CURRENT) {
            return;
        }
        if (layout == Layout.ABSENT) {
            ConcurrentDdl.execute(connection, "CREATE SCHEMA IF NOT EXISTS " + TableName.quote(this.name.schema()));
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            if (layout == Layout.ABSENT) {
                statement.execute("CREATE TABLE " + qualifiedName() + " ("
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
                        // No CHECK on the outcome: newer Tidemark versions add outcomes, and older instances
                        // reading the same table during a rolling upgrade skip the ones they do not know.
                        + "outcome text NOT NULL, "
                        + "statements_applied integer NOT NULL DEFAULT 0, "
                        + "note text, "
                        + "attempts integer NOT NULL DEFAULT 1, "
                        + "backend_pid integer, "
                        + "backend_start timestamptz)");
                // The last line of defence against a double application: even an instance that lost its lock
                // mid-run cannot commit a second success row for a version.
                statement.execute("CREATE UNIQUE INDEX " + TableName.quote(this.name.table()
                        + TableSettings.HISTORY_INDEX_SUFFIX) + " ON " + qualifiedName() + " (version) "
                        + "WHERE outcome = 'SUCCESS'");
            }
            else {
                logger.info("Upgrading the history table {} to layout 2 (attempts, running migrations)", qualifiedName());
                statement.execute("ALTER TABLE " + qualifiedName() + " ADD COLUMN attempts integer NOT NULL DEFAULT 1, "
                        + "ADD COLUMN backend_pid integer, ADD COLUMN backend_start timestamptz, "
                        + "DROP CONSTRAINT IF EXISTS " + TableName.quote(this.name.table() + "_outcome_check"));
            }
            statement.execute("COMMENT ON TABLE " + qualifiedName() + " IS '" + LAYOUT_COMMENT + "'");
            connection.commit();
        }
        catch (SQLException | RuntimeException ex) {
            connection.rollback();
            throw ex;
        }
        finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Reads every row in order of application; an absent table reads as empty. */
    public List<AppliedMigration> readAll(Connection connection) throws SQLException {
        return readAll(connection, layout(connection));
    }

    /** Reads every row in order of application, the table's layout known already (see {@link SchemaProbe}). */
    public List<AppliedMigration> readAll(Connection connection, Layout layout) throws SQLException {
        if (layout == Layout.ABSENT) {
            return List.of();
        }
        boolean current = layout == Layout.CURRENT;
        List<AppliedMigration> rows = new ArrayList<>();
        // Thousands of rows name a handful of releases.
        Map<String, Version> releases = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + (current ? COLUMNS : COLUMNS_V1) + " FROM "
                        + qualifiedName() + " ORDER BY installed_rank")) {
            while (result.next()) {
                // Not getTimestamp: the driver builds a Timestamp through a Calendar.
                OffsetDateTime backendStart = current ? result.getObject(18, OffsetDateTime.class) : null;
                int pid = current ? result.getInt(17) : 0;
                rows.add(new AppliedMigration(result.getInt(1), Version.parse(result.getString(2)), result.getString(3),
                        Phase.valueOf(result.getString(4)), releases.computeIfAbsent(result.getString(5), Version::parse),
                        result.getString(6), result.getString(7), result.getString(8),
                        Instant.EPOCH.plus(result.getLong(9), ChronoUnit.MICROS),
                        result.getString(10), result.getString(11), Duration.ofMillis(result.getInt(12)),
                        Outcome.parse(result.getString(13)), result.getInt(14), result.getString(15),
                        current ? result.getInt(16) : 1, (pid != 0) ? pid : null,
                        (backendStart != null) ? backendStart.toInstant() : null));
            }
        }
        return rows;
    }

    /**
     * Keeps {@link Outcome#RUNNING} rows whose session is still connected and turns the others into
     * {@link Outcome#INTERRUPTED}: their process died (or lost its connection) before it could finish.
     * A session is identified by its pid and start time, because pids are reused.
     */
    public List<AppliedMigration> markInterrupted(Connection connection, List<AppliedMigration> rows)
            throws SQLException {
        if (rows.stream().noneMatch((row) -> row.outcome() == Outcome.RUNNING)) {
            return rows;
        }
        List<AppliedMigration> marked = new ArrayList<>(rows.size());
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_catalog.pg_stat_activity "
                + "WHERE pid = ? AND backend_start = ?")) {
            for (AppliedMigration row : rows) {
                if (row.outcome() != Outcome.RUNNING) {
                    marked.add(row);
                    continue;
                }
                boolean alive = false;
                if (row.backendPid() != null && row.backendStart() != null) {
                    statement.setInt(1, row.backendPid());
                    statement.setTimestamp(2, Timestamp.from(row.backendStart()));
                    try (ResultSet result = statement.executeQuery()) {
                        alive = result.next() && result.getInt(1) > 0;
                    }
                }
                marked.add(alive ? row : row.withOutcome(Outcome.INTERRUPTED));
            }
        }
        return marked;
    }

    /** Records a successful application, in the caller's transaction. */
    public void recordSuccess(Connection connection, ResolvedMigration migration, Attribution by, Duration executionTime,
            int attempts, @Nullable String note) throws SQLException {
        // A repeatable migration's rows are not successes of a version: it has many, under one placeholder version.
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " (version, description, phase, release, script, checksum, host, code_version, execution_time_ms, "
                + "outcome, attempts, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '"
                + (migration.repeatable() ? Outcome.REPEATABLE : Outcome.SUCCESS) + "', ?, ?)")) {
            int index = describe(statement, migration, migration.checksum(), by);
            statement.setInt(index++, millis(executionTime));
            statement.setInt(index++, attempts);
            statement.setString(index, note);
            statement.executeUpdate();
        }
    }

    /**
     * Records a row that did not come from running a migration here: a baseline, or a row imported from another
     * tool's history with its original user, time and duration. In the caller's transaction.
     * @param row the row; its rank, pid and session are not used
     */
    public void recordAdopted(Connection connection, AppliedMigration row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " (version, description, phase, release, script, checksum, installed_by, installed_on, host, "
                + "code_version, execution_time_ms, outcome, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, row.version().toString());
            statement.setString(2, row.description());
            statement.setString(3, row.phase().name());
            statement.setString(4, row.release().toString());
            statement.setString(5, row.script());
            statement.setString(6, row.checksum());
            statement.setString(7, row.installedBy());
            statement.setTimestamp(8, Timestamp.from(row.installedOn()));
            statement.setString(9, row.host());
            statement.setString(10, row.codeVersion());
            statement.setInt(11, millis(row.executionTime()));
            statement.setString(12, row.outcome().name());
            statement.setString(13, row.note());
            statement.executeUpdate();
        }
    }

    /**
     * Records, in autocommit, that a migration starts on this connection's session: a {@link Outcome#RUNNING}
     * row with the session's pid and start time, so that another instance can tell a migration in progress
     * from one whose process died.
     * @param completed how many statements an earlier attempt completed, which this one continues after
     * @param completedChecksum the checksum of those statements, {@code null} when there are none
     * @return the row's rank, to update it as the migration goes on
     */
    public int recordStart(Connection connection, ResolvedMigration migration, Attribution by, int completed,
            @Nullable String completedChecksum) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " (version, description, phase, release, script, checksum, host, code_version, execution_time_ms, "
                + "outcome, statements_applied, backend_pid, backend_start) SELECT ?, ?, ?, ?, ?, ?, ?, ?, 0, 'RUNNING', ?, "
                + "a.pid, a.backend_start FROM pg_catalog.pg_stat_activity a WHERE a.pid = pg_catalog.pg_backend_pid() "
                + "RETURNING installed_rank")) {
            int index = describe(statement, migration, completedChecksum, by);
            statement.setInt(index, completed);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new SQLException("pg_stat_activity does not show this session; cannot record that "
                            + migration.label() + " starts");
                }
                return result.getInt(1);
            }
        }
    }

    /** Records that the first {@code completed} statements of a running migration are done. */
    public void recordProgress(Connection connection, int rank, int completed, @Nullable String completedChecksum,
            Duration executionTime) throws SQLException {
        update(connection, "statements_applied = ?, checksum = ?, execution_time_ms = ?", rank, completed,
                completedChecksum, millis(executionTime));
    }

    /** Turns a running row into the success row of the migration. */
    public void recordFinished(Connection connection, int rank, ResolvedMigration migration, Duration executionTime,
            int attempts, @Nullable String note) throws SQLException {
        update(connection, "outcome = 'SUCCESS', checksum = ?, statements_applied = 0, execution_time_ms = ?, "
                + "attempts = ?, note = ?, backend_pid = NULL, backend_start = NULL, installed_on = now()", rank,
                migration.checksum(), millis(executionTime), attempts, note);
    }

    /** Turns a running row into a failed one, keeping how far it got. */
    public void recordFailed(Connection connection, int rank, int completed, @Nullable String completedChecksum,
            Duration executionTime, int attempts) throws SQLException {
        update(connection, "outcome = 'FAILED', statements_applied = ?, checksum = ?, execution_time_ms = ?, "
                + "attempts = ?, backend_pid = NULL, backend_start = NULL", rank, completed, completedChecksum,
                millis(executionTime), attempts);
    }

    /** Removes one row, e.g. the running row of a CONTRACT that was rolled back. */
    public void delete(Connection connection, int rank) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM " + qualifiedName() + " WHERE installed_rank = ?")) {
            statement.setInt(1, rank);
            statement.executeUpdate();
        }
    }

    /** Removes the unfinished rows of a version but the one of the attempt that runs now. */
    public void deleteUnfinishedExcept(Connection connection, Version version, int keptRank) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + qualifiedName()
                + " WHERE version = ? AND outcome <> 'SUCCESS' AND installed_rank <> ?")) {
            statement.setString(1, version.toString());
            statement.setInt(2, keptRank);
            statement.executeUpdate();
        }
    }

    /** Removes the failed and interrupted rows of a version, before it is applied again. */
    public void deleteUnfinished(Connection connection, Version version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM " + qualifiedName() + " WHERE version = ? AND outcome <> 'SUCCESS'")) {
            statement.setString(1, version.toString());
            statement.executeUpdate();
        }
    }

    private void update(Connection connection, String assignments, int rank, @Nullable Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE " + qualifiedName() + " SET " + assignments + " WHERE installed_rank = ?")) {
            int index = 1;
            for (@Nullable Object value : values) {
                statement.setObject(index++, value);
            }
            statement.setInt(index, rank);
            if (statement.executeUpdate() != 1) {
                throw new SQLException("History row " + rank + " of " + qualifiedName() + " is gone; someone deleted it "
                        + "while the migration ran");
            }
        }
    }

    private static int describe(PreparedStatement statement, ResolvedMigration migration, @Nullable String checksum,
            Attribution by) throws SQLException {
        statement.setString(1, migration.version().toString());
        statement.setString(2, migration.description());
        statement.setString(3, migration.phase().name());
        statement.setString(4, migration.release().toString());
        statement.setString(5, migration.script());
        statement.setString(6, checksum);
        statement.setString(7, by.host());
        statement.setString(8, by.codeVersion());
        return 9;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /**
     * Who applies a migration, as the history records it.
     * @param host the host of the instance
     * @param codeVersion its code version
     */
    public record Attribution(String host, String codeVersion) {
    }

}
