package dev.tidemark.migration.internal.locksafety;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's lock modes as {@code pg_locks.mode} names them, with the conflict table of
 * <a href="https://www.postgresql.org/docs/current/explicit-locking.html#TABLE-LOCK-COMPATIBILITY">Conflicting
 * Lock Modes</a>. The table holds for every kind of lock, not only table locks: a row-lock wait, for example,
 * is a {@code ShareLock} request on a transaction id whose owner holds {@code ExclusiveLock}. Thread-safe.
 */
enum LockMode {

    ACCESS_SHARE("AccessShareLock"),

    ROW_SHARE("RowShareLock"),

    ROW_EXCLUSIVE("RowExclusiveLock"),

    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),

    SHARE("ShareLock"),

    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),

    EXCLUSIVE("ExclusiveLock"),

    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String sqlName;

    LockMode(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The name {@code pg_locks.mode} shows, e.g. {@code AccessExclusiveLock}. */
    String sqlName() {
        return this.sqlName;
    }

    /** The mode of a {@code pg_locks.mode} name; {@code null} for a name this table does not know (e.g. SIReadLock). */
    static @Nullable LockMode of(@Nullable String sqlName) {
        for (LockMode mode : values()) {
            if (mode.sqlName.equals(sqlName)) {
                return mode;
            }
        }
        return null;
    }

    /** The modes that conflict with this one (the relation is symmetric). */
    Set<LockMode> conflicts() {
        return switch (this) {
            case ACCESS_SHARE -> EnumSet.of(ACCESS_EXCLUSIVE);
            case ROW_SHARE -> EnumSet.of(EXCLUSIVE, ACCESS_EXCLUSIVE);
            case ROW_EXCLUSIVE -> EnumSet.of(SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
            case SHARE_UPDATE_EXCLUSIVE -> EnumSet.of(SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                    ACCESS_EXCLUSIVE);
            case SHARE -> EnumSet.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                    ACCESS_EXCLUSIVE);
            case SHARE_ROW_EXCLUSIVE -> EnumSet.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE,
                    EXCLUSIVE, ACCESS_EXCLUSIVE);
            case EXCLUSIVE -> EnumSet.complementOf(EnumSet.of(ACCESS_SHARE));
            case ACCESS_EXCLUSIVE -> EnumSet.allOf(LockMode.class);
        };
    }

    /** The {@code pg_locks.mode} names of {@link #conflicts()}, for an {@code = ANY (?)} parameter. */
    List<String> conflictingSqlNames() {
        return conflicts().stream().map(LockMode::sqlName).toList();
    }

}
