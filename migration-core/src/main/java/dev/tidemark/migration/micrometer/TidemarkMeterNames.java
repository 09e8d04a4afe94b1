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

    /** Gauge: migrations this code would apply at once but that are not applied yet. */
    public static final String MIGRATIONS_PENDING = "tidemark.migrations.pending";

    /** Gauge: migrations that wait for their phase condition (the fleet, newer code, a request). */
    public static final String MIGRATIONS_DEFERRED = "tidemark.migrations.deferred";

    /** Gauge: migrations whose last attempt failed. */
    public static final String MIGRATIONS_FAILED = "tidemark.migrations.failed";

    /**
     * Counter: migration runs by {@link #TRIGGER} ({@code startup}, {@code reconcile}, {@code request},
     * {@code forced}) and {@link #OUTCOME} ({@value #SUCCESS}, {@value #SKIPPED}: a reconciliation pass
     * that found the migration lock busy, {@value #FAILURE}). Background failures show here, never in
     * readiness.
     */
    public static final String RUNS = "tidemark.runs";

    /** Tag: the migration phase, {@code expand}, {@code migrate} or {@code contract}. */
    public static final String PHASE = "phase";

    /** Tag: how something ended. */
    public static final String OUTCOME = "outcome";

    /** Tag: which lock was waited for. */
    public static final String LOCK = "lock";

    /** Tag: what started a run. */
    public static final String TRIGGER = "trigger";

    /** Outcome of a migration that was applied. */
    public static final String SUCCESS = "success";

    /** Outcome of a migration that failed. */
    public static final String FAILURE = "failure";

    /** Outcome of a reconciliation pass that found the migration lock busy and applied nothing. */
    public static final String SKIPPED = "skipped";

    /** Outcome of a lock wait that got the lock. */
    public static final String ACQUIRED = "acquired";

    /** Outcome of a lock wait that gave up (lock_timeout, watchdog cancel, or lock wait timeout). */
    public static final String TIMEOUT = "timeout";

    /** Lock tag value: a table (or other relation) lock of a migration statement. */
    public static final String LOCK_TABLE = "table";

    /** Lock tag value: the migration advisory lock that lets one instance migrate at a time. */
    public static final String LOCK_MIGRATION = "migration";

    private TidemarkMeterNames() {
    }

}
