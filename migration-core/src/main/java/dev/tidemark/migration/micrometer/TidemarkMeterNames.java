package dev.tidemark.migration.micrometer;

/**
 * The names, tags and tag values of Tidemark's meters, defined once. Tag values are drawn from small
 * fixed sets; a migration's version, file or SQL is never a tag.
 */
public final class TidemarkMeterNames {

    /** Timer: how long each migration ran; tags {@link #PHASE} and {@link #OUTCOME}. */
    public static final String MIGRATION_DURATION = "tidemark.migration.duration";

    /** Long-task timer: migrations running now. */
    public static final String MIGRATION_ACTIVE = "tidemark.migration.active";

    /** Distribution summary: attempts each applied migration took (more than one after lock-timeout retries). */
    public static final String MIGRATION_ATTEMPTS = "tidemark.migration.attempts";

    /**
     * Timer: lock waits; tags {@link #LOCK} ({@value #LOCK_TABLE}: a migration statement waiting for its
     * table lock; {@value #LOCK_MIGRATION}: an instance waiting for the migration advisory lock) and
     * {@link #OUTCOME} ({@value #ACQUIRED} or {@value #TIMEOUT}; a statement the watchdog cancelled counts
     * as a timeout).
     */
    public static final String LOCK_WAIT = "tidemark.lock.wait";

    /** Counter: retries of migrations (or statements) after a lock timeout or a watchdog cancel. */
    public static final String LOCK_RETRIES = "tidemark.lock.retries";

    /** Distribution summary: application sessions seen queued behind a migration statement that waited. */
    public static final String LOCK_BLOCKED_SESSIONS = "tidemark.lock.blocked.sessions";

    /** Gauge: known migrations per {@link #STATE} ({@value #PENDING}, {@value #DEFERRED}, {@value #FAILED}). */
    public static final String MIGRATIONS = "tidemark.migrations";

    /** Tag: the migration phase, {@code expand}, {@code migrate} or {@code contract}. */
    public static final String PHASE = "phase";

    /** Tag: how something ended. */
    public static final String OUTCOME = "outcome";

    /** Tag: which lock was waited for. */
    public static final String LOCK = "lock";

    /** Tag: the state of migrations counted by a gauge. */
    public static final String STATE = "state";

    /** Outcome of a migration that was applied. */
    public static final String SUCCESS = "success";

    /** Outcome of a migration that failed. */
    public static final String FAILURE = "failure";

    /** Outcome of a lock wait that got the lock. */
    public static final String ACQUIRED = "acquired";

    /** Outcome of a lock wait that gave up (lock_timeout, watchdog cancel, or lock wait timeout). */
    public static final String TIMEOUT = "timeout";

    /** Lock tag value: a table (or other relation) lock of a migration statement. */
    public static final String LOCK_TABLE = "table";

    /** Lock tag value: the migration advisory lock that lets one instance migrate at a time. */
    public static final String LOCK_MIGRATION = "migration";

    /** State tag value: pending migrations. */
    public static final String PENDING = "pending";

    /** State tag value: deferred migrations. */
    public static final String DEFERRED = "deferred";

    /** State tag value: failed migrations. */
    public static final String FAILED = "failed";

    private TidemarkMeterNames() {
    }

}
