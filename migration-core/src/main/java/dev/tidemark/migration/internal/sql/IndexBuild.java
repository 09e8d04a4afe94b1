package dev.tidemark.migration.internal.sql;

import org.jspecify.annotations.Nullable;

/**
 * An index a {@code CREATE [UNIQUE] INDEX CONCURRENTLY} statement builds, as written.
 *
 * @param name the index name, or {@code null} when PostgreSQL chooses it
 * @param tableSchema the table's schema as written, or {@code null} when the search path decides
 * @param table the table name
 * @param ifNotExists whether the statement says {@code IF NOT EXISTS}
 */
public record IndexBuild(@Nullable String name, @Nullable String tableSchema, String table, boolean ifNotExists) {
}
