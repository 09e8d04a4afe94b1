package dev.tidemark.migration.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Everything a run must know about the server and the schema before it reads the history, in one round
 * trip: the server's version, the schema (the configured one, else the connection's current schema), the
 * history table's layout, whether the fleet registry and Flyway's history table exist, and whether the
 * schema holds tables of the application. A start with nothing to do then costs this query, the history
 * and the registry, and no query per check.
 *
 * @param serverVersionNumber {@code server_version_num}, e.g. {@code 150019}
 * @param serverVersion {@code server_version}, e.g. {@code 15.19}
 * @param schema the schema of Tidemark's tables, or {@code null} when none is configured and the connection's
 *        search path names no existing schema
 * @param historyLayout how the history table is laid out
 * @param instancesTableExists whether the fleet registry table exists
 * @param flywayTableExists whether Flyway's history table exists
 * @param holdsApplicationTables whether the schema holds a table, view or materialized view other than
 *        Tidemark's and Flyway's own
 */
public record SchemaProbe(int serverVersionNumber, String serverVersion, @Nullable String schema,
        HistoryTable.Layout historyLayout, boolean instancesTableExists, boolean flywayTableExists,
        boolean holdsApplicationTables) {

    private static final String RELATION = "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
            + "ON n.oid = c.relnamespace WHERE n.nspname = s.name AND c.relkind IN ('r', 'p') AND c.relname = ";

    /**
     * Reads it.
     * @param schema the configured schema, or {@code null} for the connection's current schema
     */
    public static SchemaProbe read(Connection connection, @Nullable String schema, String historyTable,
            String instancesTable, String flywayTable) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("WITH s AS (SELECT coalesce(?, current_schema()) "
                + "AS name) SELECT current_setting('server_version_num')::int, current_setting('server_version'), s.name, "
                + "(" + RELATION + "?) IS NOT NULL, "
                + "pg_catalog.obj_description((" + RELATION + "?), 'pg_class'), "
                + "(" + RELATION + "?) IS NOT NULL, "
                + "(" + RELATION + "?) IS NOT NULL, "
                + "EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = s.name AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname NOT IN (?, ?, ?)) "
                + "FROM s")) {
            statement.setString(1, schema);
            statement.setString(2, historyTable);
            statement.setString(3, historyTable);
            statement.setString(4, instancesTable);
            statement.setString(5, flywayTable);
            statement.setString(6, historyTable);
            statement.setString(7, instancesTable);
            statement.setString(8, flywayTable);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                HistoryTable.Layout layout = !result.getBoolean(4) ? HistoryTable.Layout.ABSENT
                        : HistoryTable.LAYOUT_COMMENT.equals(result.getString(5)) ? HistoryTable.Layout.CURRENT
                        : HistoryTable.Layout.LEGACY;
                return new SchemaProbe(result.getInt(1), result.getString(2), result.getString(3), layout,
                        result.getBoolean(6), result.getBoolean(7), result.getBoolean(8));
            }
        }
    }

    /** Whether Tidemark's history table exists. */
    public boolean historyExists() {
        return this.historyLayout != HistoryTable.Layout.ABSENT;
    }

}
