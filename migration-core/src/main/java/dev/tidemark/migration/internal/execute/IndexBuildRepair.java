package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.internal.sql.IndexBuild;
import dev.tidemark.migration.internal.sql.TableName;

/**
 * Repairs what a failed {@code CREATE INDEX CONCURRENTLY} leaves behind. PostgreSQL enters the index in
 * the catalog before it builds it; when the build fails (a duplicate for a UNIQUE index, a deadlock, a
 * cancel or lock timeout, a killed process) the index stays, marked INVALID: unused by queries, yet
 * updated on every write and, for a unique index, still enforcing uniqueness. A plain retry then fails
 * ("already exists") or, for an index without a name, adds one more INVALID index each time, and
 * {@code IF NOT EXISTS} would "succeed" over the broken index.
 * <p>
 * So before a build the indexes of its table are noted, and an INVALID index of the same name is dropped;
 * after a failure every INVALID index the build added (named or not: the table's indexes compared with
 * the note) is dropped at once; after a success an {@code IF NOT EXISTS} build must have left a valid
 * index. Drops are statements the caller runs under the lock policy ({@code DROP INDEX CONCURRENTLY}, which
 * blocks neither reads nor writes). Stateless and thread-safe.
 */
final class IndexBuildRepair {

    private static final Logger logger = LoggerFactory.getLogger(IndexBuildRepair.class);

    private static final String TABLE = "SELECT c.oid, n.nspname FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)";

    private static final String INDEXES = "SELECT i.indexrelid, n.nspname, c.relname, i.indisvalid "
            + "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE i.indrelid = ?::oid";

    private IndexBuildRepair() {
    }

    /**
     * The state of a build's table before the build.
     * @param build the index build
     * @param tableOid the table, or 0 when it does not exist (the statement then fails on its own)
     * @param schema the table's schema, where PostgreSQL puts the index
     * @param indexes the indexes the table had
     * @param invalidSameName an INVALID index with the build's name, left by an earlier failure, to drop first
     */
    record Before(IndexBuild build, long tableOid, @Nullable String schema, Set<Long> indexes,
            @Nullable String invalidSameName) {

        /** The {@code DROP INDEX CONCURRENTLY} of an INVALID index of the same name, if there is one. */
        @Nullable String dropFirst() {
            return (this.invalidSameName != null) ? drop(this.invalidSameName) : null;
        }

    }

    /** Notes the table's indexes and finds an INVALID index of the same name. */
    static Before before(Connection connection, IndexBuild build) throws SQLException {
        String table = (build.tableSchema() != null) ? TableName.quote(build.tableSchema()) + "." + TableName.quote(build.table())
                : TableName.quote(build.table());
        long oid = 0;
        String schema = null;
        try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next()) {
                    oid = result.getLong(1);
                    schema = result.getString(2);
                }
            }
        }
        Set<Long> indexes = new HashSet<>();
        String invalidSameName = null;
        if (oid != 0) {
            for (Index index : indexes(connection, oid)) {
                indexes.add(index.oid());
                if (!index.valid() && index.name().equals(build.name())) {
                    invalidSameName = index.qualified();
                }
            }
        }
        return new Before(build, oid, schema, indexes, invalidSameName);
    }

    /** Whether a named index exists and is valid; {@code null} when it does not exist. */
    static @Nullable Boolean validity(Connection connection, Before before) throws SQLException {
        if (before.tableOid() == 0 || before.build().name() == null) {
            return null;
        }
        for (Index index : indexes(connection, before.tableOid())) {
            if (index.name().equals(before.build().name())) {
                return index.valid();
            }
        }
        return null;
    }

    /** The INVALID indexes the build left on its table: those the table did not have before. */
    static List<String> leftovers(Connection connection, Before before) throws SQLException {
        List<String> leftovers = new ArrayList<>();
        if (before.tableOid() == 0) {
            return leftovers;
        }
        for (Index index : indexes(connection, before.tableOid())) {
            if (!index.valid() && !before.indexes().contains(index.oid())) {
                leftovers.add(index.qualified());
            }
        }
        return leftovers;
    }

    /** Every INVALID index of the build's table, for a message that asks a person to look. */
    static List<String> invalidIndexes(Connection connection, Before before) throws SQLException {
        List<String> invalid = new ArrayList<>();
        if (before.tableOid() != 0) {
            for (Index index : indexes(connection, before.tableOid())) {
                if (!index.valid()) {
                    invalid.add(index.qualified());
                }
            }
        }
        return invalid;
    }

    static String drop(String qualifiedIndex) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedIndex;
    }

    static void logDrop(String qualifiedIndex, String migration, String why) {
        logger.warn("Dropping the INVALID index {} {} of {}", qualifiedIndex, why, migration);
    }

    private static List<Index> indexes(Connection connection, long tableOid) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
            statement.setLong(1, tableOid);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    indexes.add(new Index(result.getLong(1), result.getString(2), result.getString(3), result.getBoolean(4)));
                }
            }
        }
        return indexes;
    }

    private record Index(long oid, String schema, String name, boolean valid) {

        String qualified() {
            return new TableName(this.schema, this.name).qualified();
        }

    }

}
