package dev.tidemark.migration.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code CREATE ... IF NOT EXISTS} for Tidemark's own schema and tables when another session may
 * run the same at the same moment (an instance registering while another migrates). {@code IF NOT
 * EXISTS} does not protect two concurrent creators: the loser fails with a duplicate error (42P06,
 * 42P07, 42710 for the table's row type, 42701 for a column, or 23505 on the catalog's unique index, the
 * usual form of the race; which one depends on the moment and the PostgreSQL version), after which the
 * object simply exists. Stateless and thread-safe.
 */
public final class ConcurrentDdl {

    private static final Logger logger = LoggerFactory.getLogger(ConcurrentDdl.class);

    private static final Set<String> DUPLICATE_OBJECT_STATES = Set.of(
            "42P06", // duplicate_schema
            "42P07", // duplicate_table
            "42701", // duplicate_column, when two sessions add the same column with ADD COLUMN IF NOT EXISTS
            "42710", // duplicate_object: the table's row type, created first by the other session (seen on 17)
            "23505"); // unique_violation on pg_type/pg_namespace

    private ConcurrentDdl() {
    }

    /** Runs the statement in autocommit, treating "another session created it first" as success. */
    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            if (!DUPLICATE_OBJECT_STATES.contains(ex.getSQLState())) {
                throw ex;
            }
            logger.debug("Another session created it first: {}", ex.getMessage());
        }
    }

}
