package dev.tidemark.migration;

import java.util.Locale;

/**
 * The strongest table-level lock a migration statement takes, in PostgreSQL's order from weakest to
 * strongest (<a href="https://www.postgresql.org/docs/current/explicit-locking.html">Explicit Locking</a>),
 * plus {@link #OTHER} for statements Tidemark does not recognize. What a level blocks decides how a
 * statement may wait for it and how long it may hold it; a printed plan shows it per statement.
 */
public enum LockLevel {

    /** No table lock that matters to the application (e.g. {@code SET}, a new function, a new table). */
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

    /** Not recognized; treated like a lock that blocks reads and writes, to be safe. */
    OTHER;

    /** Whether application reads of the table wait while the statement holds (or waits for) its lock. */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE || this == OTHER;
    }

    /** Whether application writes of the table wait while the statement holds (or waits for) its lock. */
    public boolean blocksWrites() {
        return switch (this) {
            case SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE, OTHER -> true;
            default -> false;
        };
    }

    /** PostgreSQL's name of the lock mode, e.g. {@code ACCESS EXCLUSIVE}; {@code unrecognized} for {@link #OTHER}. */
    public String sqlName() {
        return switch (this) {
            case NONE -> "no table lock";
            case OTHER -> "unrecognized";
            default -> name().replace('_', ' ');
        };
    }

    /** What the lock means to the application, e.g. {@code blocks writes}, for plans and reports. */
    public String impact() {
        if (this == OTHER) {
            return "unknown lock, treated as blocking reads and writes";
        }
        return blocksReads() ? "blocks reads and writes" : blocksWrites() ? "blocks writes" : "blocks neither reads nor writes";
    }

    /** The level and its impact, e.g. {@code SHARE (blocks writes)}. */
    public String describe() {
        return (this == NONE || this == OTHER) ? sqlName() + " (" + impact() + ")"
                : sqlName().toUpperCase(Locale.ROOT) + " (" + impact() + ")";
    }

}
