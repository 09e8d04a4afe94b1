package dev.tidemark.migration.internal.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.sql.ConcurrentDdl;
import dev.tidemark.migration.internal.sql.TableName;

/**
 * The fleet registry table: one row per instance, kept after it leaves. A clean shutdown marks the row
 * {@code deregistered_at} instead of deleting it, and a crashed instance's row simply goes stale; both
 * stay for the evidence retention, because another instance's row, even a departed one, proves that the
 * fleet registers (see {@link FleetSnapshot}). Every timestamp comes from the database clock
 * ({@code clock_timestamp()}), so the clocks of the application hosts never matter. Methods take the
 * connection to use. Thread-safe (stateless).
 */
public final class InstanceTable {

    private static final Logger logger = LoggerFactory.getLogger(InstanceTable.class);

    private final TableName name;

    /**
     * Creates the accessor.
     * @param schema the schema, already resolved
     * @param table the table name
     */
    public InstanceTable(String schema, String table) {
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
     * Creates the schema and table if they are missing, safely against other instances doing the same.
     * Registration must not wait for the migration lock (another instance may hold it for a long
     * backfill), so instead of serializing through the lock this tolerates the race ({@link ConcurrentDdl}).
     */
    public void createIfAbsent(Connection connection) throws SQLException {
        if (exists(connection)) {
            // A registry created before instances were kept after leaving lacks the column; adding a nullable
            // column without a default only touches the catalog.
            ConcurrentDdl.execute(connection, "ALTER TABLE " + qualifiedName() + " ADD COLUMN IF NOT EXISTS "
                    + "deregistered_at timestamptz");
            return;
        }
        ConcurrentDdl.execute(connection, "CREATE SCHEMA IF NOT EXISTS " + TableName.quote(this.name.schema()));
        ConcurrentDdl.execute(connection, "CREATE TABLE IF NOT EXISTS " + qualifiedName() + " ("
                + "id text PRIMARY KEY, "
                + "code_version text NOT NULL, "
                + "host text NOT NULL, "
                + "started_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                + "last_heartbeat timestamptz NOT NULL DEFAULT clock_timestamp(), "
                + "deregistered_at timestamptz)");
        if (!exists(connection)) {
            throw new SQLException("The fleet registry table " + qualifiedName() + " could not be created");
        }
    }

    /**
     * Reads every row, live or departed, with ages by the database clock; an absent table reads as empty
     * (no registry data).
     */
    public List<RegistryRow> readAll(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        List<RegistryRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, code_version, host, started_at, last_heartbeat, "
                        + "(extract(epoch FROM clock_timestamp() - last_heartbeat) * 1000)::bigint, "
                        + "(extract(epoch FROM clock_timestamp() - deregistered_at) * 1000)::bigint FROM "
                        + qualifiedName() + " ORDER BY started_at, id")) {
            while (result.next()) {
                FleetInstance instance = new FleetInstance(result.getString(1),
                        version(result.getString(2), result.getString(1)), result.getString(3),
                        result.getTimestamp(4).toInstant(), result.getTimestamp(5).toInstant(),
                        Duration.ofMillis(Math.max(0, result.getLong(6))));
                long deregisteredAgo = result.getLong(7);
                rows.add(new RegistryRow(instance,
                        result.wasNull() ? null : Duration.ofMillis(Math.max(0, deregisteredAgo))));
            }
        }
        catch (SQLException ex) {
            if (!"42703".equals(ex.getSQLState())) {
                throw ex;
            }
            // undefined_column: a registry from before departed rows were kept, not yet upgraded by a registration.
            return readWithoutDeregistrations(connection);
        }
        return rows;
    }

    private List<RegistryRow> readWithoutDeregistrations(Connection connection) throws SQLException {
        List<RegistryRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, code_version, host, started_at, last_heartbeat, "
                        + "(extract(epoch FROM clock_timestamp() - last_heartbeat) * 1000)::bigint FROM "
                        + qualifiedName() + " ORDER BY started_at, id")) {
            while (result.next()) {
                rows.add(new RegistryRow(new FleetInstance(result.getString(1),
                        version(result.getString(2), result.getString(1)), result.getString(3),
                        result.getTimestamp(4).toInstant(), result.getTimestamp(5).toInstant(),
                        Duration.ofMillis(Math.max(0, result.getLong(6)))), null));
            }
        }
        return rows;
    }

    /**
     * A row Tidemark did not write may carry a malformed version; reading it as the lowest possible version
     * keeps gated migrations waiting (the safe side) until its heartbeat goes stale.
     */
    private static Version version(String text, String id) {
        try {
            return Version.parse(text);
        }
        catch (IllegalArgumentException ex) {
            logger.warn("Fleet instance {} has the malformed code version '{}'; counting it as the oldest version", id, text);
            return Version.parse("0");
        }
    }

    /** Inserts a registration and returns its start time by the database clock. */
    public Instant insert(Connection connection, String id, Version codeVersion, String host) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " (id, code_version, host) VALUES (?, ?, ?) RETURNING started_at")) {
            statement.setString(1, id);
            statement.setString(2, codeVersion.toString());
            statement.setString(3, host);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getTimestamp(1).toInstant();
            }
        }
    }

    /** Inserts a registration again after its row vanished, keeping its original start time. */
    public void reinsert(Connection connection, String id, Version codeVersion, String host, Instant startedAt)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " (id, code_version, host, started_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                + "SET last_heartbeat = clock_timestamp()")) {
            statement.setString(1, id);
            statement.setString(2, codeVersion.toString());
            statement.setString(3, host);
            statement.setTimestamp(4, java.sql.Timestamp.from(startedAt));
            statement.executeUpdate();
        }
    }

    /** Records a heartbeat; {@code false} when the row is gone. One short single-row UPDATE. */
    public boolean heartbeat(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE " + qualifiedName() + " SET last_heartbeat = clock_timestamp() WHERE id = ?")) {
            statement.setString(1, id);
            return statement.executeUpdate() > 0;
        }
    }

    /**
     * Removes the rows of instances that left longer ago than the retention: deregistered then, or silent
     * since then (a crashed instance never deregisters). Such rows no longer count as evidence.
     * @return how many rows were removed
     */
    public int deleteExpired(Connection connection, Duration retention) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + qualifiedName()
                + " WHERE coalesce(deregistered_at, last_heartbeat) < clock_timestamp() - make_interval(secs => ?)")) {
            statement.setDouble(1, retention.toMillis() / 1000.0);
            return statement.executeUpdate();
        }
    }

    /** Marks a registration as left cleanly; the row stays as evidence for the retention. */
    public void deregister(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + qualifiedName()
                + " SET deregistered_at = clock_timestamp() WHERE id = ?")) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

}
