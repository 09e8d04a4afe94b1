package dev.tidemark.migration;

/**
 * Identifies what went wrong, so that tools and failure analyzers can react without parsing messages.
 */
public enum ErrorCode {

    /** The configuration is incomplete or inconsistent. */
    INVALID_CONFIGURATION,

    /** A migration file has a malformed name, directive or SQL. */
    INVALID_MIGRATION,

    /** Two migrations carry the same version. */
    DUPLICATE_VERSION,

    /** An applied migration was edited after it ran. */
    CHECKSUM_MISMATCH,

    /** An applied migration can no longer be found in the configured locations. */
    MISSING_MIGRATION,

    /** A statement of a migration failed. */
    STATEMENT_FAILED,

    /** The database could not be reached or failed outside a migration statement. */
    DATABASE_ERROR,

    /** Another instance held the migration lock for longer than the configured wait. */
    LOCK_WAIT_TIMEOUT,

    /** The session holding the migration lock died while migrations ran. */
    LOCK_LOST,

    /** A DDL statement kept timing out on its table lock until its retries ran out. */
    LOCK_TIMEOUT_RETRIES_EXHAUSTED,

    /**
     * A non-transactional migration was interrupted while a statement ran, and whether that statement
     * completed cannot be told; a person must check and repair it.
     */
    MIGRATION_INTERRUPTED,

    /** The database server is not one Tidemark supports (PostgreSQL older than 14, or not PostgreSQL). */
    UNSUPPORTED_DATABASE,

    /** This code is older than the schema: a CONTRACT for a newer release was applied, or has begun. */
    VERSION_SKEW,

    /** The safety linter found errors in the pending migrations, so none was applied. */
    LINT_FAILED

}
