package dev.tidemark.migration.internal.lint.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.tidemark.migration.internal.lint.parse.ParsedStatement.ObjectKind;
import dev.tidemark.migration.internal.lint.parse.TypeName;

/**
 * Reads what the linter needs from a database's catalog into a {@link SchemaModel}: relations of every schema but
 * the system ones, table columns with types and nullability, constraints with their validity, indexes, and the
 * volatility of every function. Five queries, whatever the schema's size. Stateless.
 */
public final class CatalogReader {

    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    private CatalogReader() {
    }

    /** Reads the catalog into a new model whose default schema is the connection's current schema. */
    public static SchemaModel read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String schema;
            try (ResultSet result = statement.executeQuery("SELECT current_schema()")) {
                result.next();
                String current = result.getString(1);
                schema = (current != null) ? current : "public";
            }
            SchemaModel model = new SchemaModel(schema);
            relations(statement, model);
            columns(statement, model);
            constraints(statement, model);
            indexes(statement, model);
            functions(statement, model);
            return model;
        }
    }

    /** The server's major version, e.g. 15. */
    public static int majorVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version_num")) {
            result.next();
            return Integer.parseInt(result.getString(1).trim()) / 10000;
        }
    }

    private static void relations(Statement statement, SchemaModel model) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')")) {
            while (result.next()) {
                String key = result.getString(1) + "." + result.getString(2);
                switch (result.getString(3)) {
                    case "r", "p" -> model.catalogTable(key);
                    case "v" -> model.catalogObject(key, ObjectKind.VIEW);
                    case "m" -> model.catalogObject(key, ObjectKind.MATERIALIZED_VIEW);
                    case "S" -> model.catalogObject(key, ObjectKind.SEQUENCE);
                    default -> model.catalogObject(key, ObjectKind.FOREIGN_TABLE);
                }
            }
        }
    }

    private static void columns(Statement statement, SchemaModel model) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT n.nspname, c.relname, a.attname, "
                + "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull FROM pg_catalog.pg_attribute a "
                + "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + USER_SCHEMAS + " AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY c.oid, a.attnum")) {
            while (result.next()) {
                model.catalogTable(result.getString(1) + "." + result.getString(2))
                    .putColumn(result.getString(3), TypeName.parse(result.getString(4)), result.getBoolean(5));
            }
        }
    }

    private static void constraints(Statement statement, SchemaModel model) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT n.nspname, c.relname, k.conname, k.contype, k.convalidated, "
                + "pg_catalog.pg_get_constraintdef(k.oid), ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(num, i) "
                + "JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.i), "
                + "rn.nspname, rc.relname FROM pg_catalog.pg_constraint k "
                + "JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid "
                + "LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace "
                + "WHERE " + USER_SCHEMAS + " AND c.relkind IN ('r', 'p') AND k.contype IN ('c', 'f', 'u', 'p', 'x')")) {
            while (result.next()) {
                char kind = result.getString(4).charAt(0);
                String definition = result.getString(6);
                String check = null;
                if (kind == 'c' && definition != null && definition.startsWith("CHECK ")) {
                    check = definition.substring("CHECK ".length()).replaceFirst(" NOT VALID$", "");
                }
                String references = (result.getString(9) != null) ? result.getString(8) + "." + result.getString(9) : null;
                model.catalogTable(result.getString(1) + "." + result.getString(2)).putConstraint(new TableInfo.ConstraintInfo(
                        result.getString(3), kind, strings(result.getArray(7)), check, result.getBoolean(5), references));
            }
        }
    }

    private static void indexes(Statement statement, SchemaModel model) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT n.nspname, ic.relname, tc.relname, i.indisunique, "
                + "ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY u(num, o) JOIN pg_catalog.pg_attribute a "
                + "ON a.attrelid = i.indrelid AND a.attnum = u.num ORDER BY u.o) FROM pg_catalog.pg_index i "
                + "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace WHERE " + USER_SCHEMAS)) {
            while (result.next()) {
                String schema = result.getString(1);
                model.catalogIndex(new SchemaModel.IndexInfo(schema + "." + result.getString(2),
                        schema + "." + result.getString(3), strings(result.getArray(5)), result.getBoolean(4)));
            }
        }
    }

    private static void functions(Statement statement, SchemaModel model) throws SQLException {
        try (ResultSet result = statement.executeQuery(
                "SELECT proname, string_agg(DISTINCT provolatile::text, '') FROM pg_catalog.pg_proc GROUP BY proname")) {
            while (result.next()) {
                String volatility = result.getString(2);
                model.volatility().put(result.getString(1), volatility.contains("v") ? 'v' : volatility.charAt(0));
            }
        }
        model.volatility().catalogLoaded();
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> strings = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            strings.add(String.valueOf(value));
        }
        return strings;
    }

}
