package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.internal.execute.StatementLocks.ConcurrentIndex;
import dev.tidemark.migration.internal.sql.TableName;

/**
 * Repairs what a failed {@code CREATE INDEX CONCURRENTLY} leaves behind. PostgreSQL enters the index
 * in the catalog before it builds it; when the build fails (a duplicate for a UNIQUE index, a deadlock,
 * a cancel or lock timeout) the index stays, marked INVALID: unused by queries, yet still updated on
 * every write and, for a unique index, still enforcing uniqueness. A plain retry then fails ("already
 * exists"), and {@code IF NOT EXISTS} would "succeed" over the broken index. So before each attempt an
 * INVALID index of the same name in the table's schema is dropped with {@code DROP INDEX CONCURRENTLY},
 * and after the build the index must be valid. Thread-safe (stateless).
 */
final class ConcurrentIndexRepair {

    private static final Logger logger = LoggerFactory.getLogger(ConcurrentIndexRepair.class);

    private static final String VALIDITY = "SELECT i.indisvalid FROM pg_catalog.pg_index i "
            + "JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";

    private ConcurrentIndexRepair() {
    }

    /**
     * The schema the index lives in: the table's, as written or as the search path resolves it.
     * @return empty when the table does not exist (the statement will then fail on its own)
     */
    static Optional<String> schemaOf(Connection connection, ConcurrentIndex index) throws SQLException {
        if (index.tableSchema() != null) {
            return Optional.of(index.tableSchema());
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT n.nspname FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(quote_ident(?))")) {
            statement.setString(1, index.table());
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether the index exists and is valid: {@code null} when it does not exist. */
    static @Nullable Boolean validity(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(VALIDITY)) {
            statement.setString(1, schema);
            statement.setString(2, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getBoolean(1) : null;
            }
        }
    }

    /**
     * The {@code DROP INDEX CONCURRENTLY} that removes an INVALID index of the same name, if there is one.
     * The caller runs it like a migration statement (under lock_timeout, watched, retried).
     */
    static Optional<String> dropInvalid(Connection connection, String schema, ConcurrentIndex index, String migration)
            throws SQLException {
        if (!Boolean.FALSE.equals(validity(connection, schema, index.name()))) {
            return Optional.empty();
        }
        logger.warn("Dropping the INVALID index {}.{} left by an earlier failed CREATE INDEX CONCURRENTLY of {}, "
                + "so that it is built again", TableName.quote(schema), TableName.quote(index.name()), migration);
        return Optional.of("DROP INDEX CONCURRENTLY IF EXISTS " + new TableName(schema, index.name()).qualified());
    }


}
