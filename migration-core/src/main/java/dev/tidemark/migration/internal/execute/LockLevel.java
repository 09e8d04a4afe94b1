package dev.tidemark.migration.internal.execute;

/**
 * The strongest table-level lock a migration statement takes, in PostgreSQL's order from weakest to
 * strongest (https://www.postgresql.org/docs/current/explicit-locking.html), plus {@link #OTHER} for
 * statements the classifier does not recognize. The level decides the statement's timeout policy and
 * whether the lock watchdog may cancel it while application sessions queue behind it.
 */
public enum LockLevel {

    /** No table lock that matters to the application (e.g. {@code SET}, a new function). */
    NONE,

    /** ACCESS SHARE: plain {@code SELECT}; conflicts only with ACCESS EXCLUSIVE. */
    ACCESS_SHARE,

    /** ROW EXCLUSIVE: {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}; readers and writers continue. */
    ROW_EXCLUSIVE,

    /**
     * SHARE UPDATE EXCLUSIVE: {@code CREATE INDEX CONCURRENTLY}, {@code VALIDATE CONSTRAINT},
     * {@code VACUUM}, {@code ANALYZE}; reads and writes continue, so the work may take as long as it needs.
     */
    SHARE_UPDATE_EXCLUSIVE,

    /** SHARE: {@code CREATE INDEX} without CONCURRENTLY; reads continue, writes wait until it ends. */
    SHARE,

    /** SHARE ROW EXCLUSIVE: {@code CREATE TRIGGER}, {@code ADD FOREIGN KEY} (on both tables); writes wait. */
    SHARE_ROW_EXCLUSIVE,

    /** EXCLUSIVE: {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}; only reads continue. */
    EXCLUSIVE,

    /** ACCESS EXCLUSIVE: most {@code ALTER TABLE} forms, {@code DROP}, {@code TRUNCATE}; even reads wait. */
    ACCESS_EXCLUSIVE,

    /** Not recognized; treated like DDL that blocks the application, to be safe. */
    OTHER;

    /**
     * Whether the statement gets the bounded {@code statement_timeout}: every level that makes
     * application writes (or reads) wait while the statement runs, because a long hold of such a lock
     * is an outage. SHARE UPDATE EXCLUSIVE work and plain DML run without a bound — they may be long
     * (an index build, a backfill) and do not stop the application.
     */
    public boolean boundedByStatementTimeout() {
        return switch (this) {
            case SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE, OTHER -> true;
            default -> false;
        };
    }

    /**
     * Whether the watchdog cancels the statement while it waits for a lock and application sessions
     * queue behind it. Not for SHARE UPDATE EXCLUSIVE work: ordinary reads and writes never queue behind
     * it, and cancelling {@code CREATE INDEX CONCURRENTLY} would throw away a half-built index.
     */
    public boolean cancellableWhenBlocking() {
        return boundedByStatementTimeout();
    }

}
