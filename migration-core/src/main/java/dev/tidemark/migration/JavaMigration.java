package dev.tidemark.migration;

import java.sql.Connection;

import org.jspecify.annotations.Nullable;

/**
 * A migration written in Java, for changes plain SQL cannot express. Register instances with
 * {@link TidemarkConfiguration.Builder#javaMigrations}. Versions share one sequence with SQL files.
 */
public interface JavaMigration {

    /** The version, e.g. {@code "14"}; unique across SQL and Java migrations. */
    String version();

    /** The phase, which decides when it may run. */
    Phase phase();

    /** The code version that introduces it, e.g. {@code "2.0.0"}. */
    String release();

    /** A short human description. */
    String description();

    /**
     * Whether it runs inside a transaction together with its history row (the default). Return
     * {@code false} for work PostgreSQL refuses in a transaction block.
     */
    default boolean transactional() {
        return true;
    }

    /**
     * A checksum to detect edits after it was applied, or {@code null} (the default) to skip the check.
     */
    default @Nullable String checksum() {
        return null;
    }

    /**
     * Performs the migration on the given connection, whose transaction (if any) Tidemark manages:
     * do not commit, roll back or close it.
     */
    void migrate(Connection connection) throws Exception;

}
