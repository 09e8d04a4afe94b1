package dev.tidemark.migration.micrometer;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.Version;

import static dev.tidemark.migration.micrometer.TidemarkMeterNames.*;

/**
 * Records Tidemark's events as Micrometer meters (names in {@link TidemarkMeterNames}). Register it as
 * a listener: {@code TidemarkConfiguration.builder().listener(new TidemarkMetrics(registry))}. The
 * counter, summary, long-task timer and gauges are registered at construction, so they show (at zero)
 * before the first migration; timers appear with their first event. Thread-safe.
 */
public final class TidemarkMetrics implements MigrationListener {

    private final MeterRegistry registry;

    private final LongTaskTimer active;

    private final Counter retries;

    private final DistributionSummary blockedSessions;

    private final DistributionSummary attempts;

    // Gauges hold their state weakly: these fields keep it alive as long as this listener lives.
    private final AtomicInteger pending = new AtomicInteger();

    private final AtomicInteger deferred = new AtomicInteger();

    private final AtomicInteger failed = new AtomicInteger();

    private final Map<Version, LongTaskTimer.Sample> running = new ConcurrentHashMap<>();

    /** Creates the meters in the given registry. */
    public TidemarkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.active = LongTaskTimer.builder(MIGRATION_ACTIVE)
            .description("Migrations running now")
            .register(registry);
        this.retries = Counter.builder(LOCK_RETRIES)
            .description("Retries of migrations or statements after a lock timeout or a cancel because "
                    + "application sessions queued behind them")
            .baseUnit("retries")
            .register(registry);
        this.blockedSessions = DistributionSummary.builder(LOCK_BLOCKED_SESSIONS)
            .description("Application sessions seen queued behind a migration statement that waited for a lock")
            .baseUnit("sessions")
            .register(registry);
        this.attempts = DistributionSummary.builder(MIGRATION_ATTEMPTS)
            .description("Attempts each applied migration took; more than one when its statements gave up on their "
                    + "locks and were retried")
            .baseUnit("attempts")
            .register(registry);
        gauge(PENDING, this.pending, "Migrations waiting to be applied");
        gauge(DEFERRED, this.deferred, "Migrations deferred until their phase condition holds");
        gauge(FAILED, this.failed, "Migrations whose last attempt failed");
    }

    private void gauge(String state, AtomicInteger value, String description) {
        Gauge.builder(MIGRATIONS, value, AtomicInteger::get)
            .tag(STATE, state)
            .description(description)
            .baseUnit("migrations")
            .register(this.registry);
    }

    @Override
    public void lockWaitEnded(Duration waited, boolean acquired) {
        lockWait(LOCK_MIGRATION, acquired).record(waited);
    }

    @Override
    public void migrationStarted(MigrationInfo migration) {
        this.running.put(migration.version(), this.active.start());
    }

    @Override
    public void migrationSucceeded(MigrationInfo migration, Duration took, int attempts) {
        ended(migration, took, SUCCESS);
        this.attempts.record(attempts);
    }

    @Override
    public void migrationDeferred(MigrationInfo migration, String reason) {
        LongTaskTimer.Sample sample = this.running.remove(migration.version());
        if (sample != null) {
            sample.stop();
        }
    }

    @Override
    public void migrationFailed(MigrationInfo migration, Duration took, TidemarkException error) {
        ended(migration, took, FAILURE);
    }

    private void ended(MigrationInfo migration, Duration took, String outcome) {
        LongTaskTimer.Sample sample = this.running.remove(migration.version());
        if (sample != null) {
            sample.stop();
        }
        Timer.builder(MIGRATION_DURATION)
            .description("How long migrations ran, including lock waits and retries")
            .tag(PHASE, migration.phase().name().toLowerCase(Locale.ROOT))
            .tag(OUTCOME, outcome)
            .register(this.registry)
            .record(took);
    }

    @Override
    public void lockTimeoutRetry(MigrationInfo migration, int attempt, Duration backoff) {
        this.retries.increment();
    }

    @Override
    public void statementLockWaited(MigrationInfo migration, Duration waited, int blockedSessions) {
        lockWait(LOCK_TABLE, true).record(waited);
        this.blockedSessions.record(blockedSessions);
    }

    @Override
    public void statementLockTimedOut(MigrationInfo migration, Duration waited, int blockedSessions,
            boolean cancelled) {
        lockWait(LOCK_TABLE, false).record(waited);
        this.blockedSessions.record(blockedSessions);
    }

    @Override
    public void migrationsCounted(int pending, int deferred, int failed) {
        this.pending.set(pending);
        this.deferred.set(deferred);
        this.failed.set(failed);
    }

    private Timer lockWait(String lock, boolean acquired) {
        return Timer.builder(LOCK_WAIT)
            .description("Time spent waiting for locks: table locks of migration statements, and the migration lock")
            .tag(LOCK, lock)
            .tag(OUTCOME, acquired ? ACQUIRED : TIMEOUT)
            .register(this.registry);
    }

}
