package dev.tidemark.migration.internal.history;

/**
 * What a history row records.
 */
public enum Outcome {

    /** The migration was applied. */
    SUCCESS,

    /** A non-transactional migration failed part-way; {@code statements_applied} says how far it got. */
    FAILED,

    /**
     * A run started it and has not finished: a non-transactional migration (the row counts its completed
     * statements) or a CONTRACT, whose row tells starting instances of older code that the schema is
     * about to move past them.
     */
    RUNNING,

    /** Never stored: a {@link #RUNNING} row whose database session is gone, because its process died. */
    INTERRUPTED,

    /**
     * Never stored: an outcome this version of Tidemark does not know, written by a newer one (during a
     * rolling upgrade older instances read the same table). Such a row counts as neither applied nor
     * unfinished.
     */
    UNKNOWN;

    /** Reads a stored outcome; one this version does not know is {@link #UNKNOWN}. */
    static Outcome parse(String stored) {
        for (Outcome outcome : values()) {
            if (outcome.name().equals(stored) && outcome != INTERRUPTED && outcome != UNKNOWN) {
                return outcome;
            }
        }
        return UNKNOWN;
    }

}
