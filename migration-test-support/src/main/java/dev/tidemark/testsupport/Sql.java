package dev.tidemark.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Plain JDBC for assertions on the test database.
 */
public final class Sql {

    private Sql() {
    }

    public static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
        }
    }

    public static long count(DataSource dataSource, String sql) {
        return ((Number) single(dataSource, sql)).longValue();
    }

    /** The only value of a one-row, one-column query, as the driver maps it. */
    public static Object single(DataSource dataSource, String sql) {
        List<Object> values = rows(dataSource, sql, false);
        if (values.size() != 1) {
            throw new IllegalStateException(sql + " returned " + values.size() + " rows");
        }
        return values.get(0);
    }

    /** The first column of every row, as text. */
    public static List<String> column(DataSource dataSource, String sql) {
        return rows(dataSource, sql, true).stream().map((value) -> (String) value).toList();
    }

    /** The tables of the public schema, to prove that a failed run left the database untouched. */
    public static List<String> tables(DataSource dataSource) {
        return column(dataSource, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    }

    /** The versions with a successful history row, in order of application. */
    public static List<String> appliedVersions(DataSource dataSource) {
        return column(dataSource, "SELECT version FROM tidemark_history WHERE outcome = 'SUCCESS' ORDER BY installed_rank");
    }

    private static List<Object> rows(DataSource dataSource, String sql, boolean asText) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<Object> values = new ArrayList<>();
            while (result.next()) {
                values.add(asText ? result.getString(1) : result.getObject(1));
            }
            return values;
        }
        catch (SQLException ex) {
            throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
        }
    }

}
