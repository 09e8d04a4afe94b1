package dev.tidemark.migration.internal.locksafety;

/**
 * The lock a statement waited for, as {@code pg_locks} showed it: what is locked (the lock's tag, e.g. a
 * table, a transaction id whose row lock it wanted, or the virtual transaction of an older snapshot that
 * {@code CREATE INDEX CONCURRENTLY} waits out) and the mode it asked for.
 *
 * @param tag the lock's tag, as {@link #TAG} renders a {@code pg_locks} row
 * @param mode the mode it asked for
 */
record LockTarget(String tag, LockMode mode) {

    /**
     * Renders the tag of a {@code pg_locks} row {@code l} as one text: the lock type and every field that
     * identifies a lock (fields that do not apply to a type are null and render empty).
     */
    static final String TAG = "format('%s/%s/%s/%s/%s/%s/%s/%s/%s/%s', l.locktype, l.database, l.relation, l.page, "
            + "l.tuple, l.virtualxid, l.transactionid, l.classid, l.objid, l.objsubid)";

}
