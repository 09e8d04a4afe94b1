package dev.tidemark.migration.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A schema-qualified table name, as Tidemark's own tables (history, fleet registry) are addressed:
 * always quoted, so configured names are taken literally.
 *
 * @param schema the schema, already resolved
 * @param table the table name
 */
public record TableName(String schema, String table) {

    /** The quoted, schema-qualified name, e.g. {@code "public"."tidemark_history"}. */
    public String qualified() {
        return quote(this.schema) + "." + quote(this.table);
    }

    /** Whether the table exists. */
    public boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?")) {
            statement.setString(1, this.schema);
            statement.setString(2, this.table);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Quotes an identifier for PostgreSQL, doubling embedded quotes. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

}
