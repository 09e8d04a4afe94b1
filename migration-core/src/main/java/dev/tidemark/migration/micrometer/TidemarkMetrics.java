package dev.tidemark.migration.micrometer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.tidemark.migration.MigrateResult;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.RunTrigger;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.migration.Version;

import static dev.tidemark.migration.micrometer.TidemarkMeterNames.*;

/**
 * Records Tidemark's events as Micrometer meters (names in {@link TidemarkMeterNames}). It is a
 * {@link MigrationListener} and a {@link MeterBinder}: register it as a listener and bind it to a registry,
 * either at once with {@link #TidemarkMetrics(MeterRegistry)}, or later, as Spring Boot binds
 * {@code MeterBinder} beans only after every singleton exists, which is after the startup migrations ran.
 * Events that arrive before the first binding are kept (a bounded number) and recorded when it comes,
 * so the startup migrations still show. Gauges, counters and the long-task timer show at zero once
 * bound; timers appear with their first event. Thread-safe.
 */
public final class TidemarkMetrics implements MigrationListener, MeterBinder {

    /** Far more events than the startup migrations of any application produce; beyond it, early events are dropped. */
    private static final int MAX_EARLY_EVENTS = 10_000;

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private final List<Consumer<MeterRegistry>> earlyEvents = new ArrayList<>();

    // Gauges hold their state weakly: these fields keep it alive as long as this listener lives.
    private final AtomicInteger pending = new AtomicInteger();

    private final AtomicInteger deferred = new AtomicInteger();

    private final AtomicInteger failed = new AtomicInteger();

    private final Map<Version, List<LongTaskTimer.Sample>> running = new ConcurrentHashMap<>();

    /** Creates the meters unbound; {@link #bindTo(MeterRegistry)} registers them. */
    public TidemarkMetrics() {
    }

    /** Creates the meters in the given registry. */
    public TidemarkMetrics(MeterRegistry registry) {
        bindTo(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        active(registry);
        retries(registry);
        blockedSessions(registry);
        attempts(registry);
        gauge(registry, MIGRATIONS_PENDING, this.pending, "Migrations this code would apply now that are not applied yet");
        gauge(registry, MIGRATIONS_DEFERRED, this.deferred,
                "Migrations waiting for their phase condition: the fleet, newer code or a request (the endpoint says why)");
        gauge(registry, MIGRATIONS_FAILED, this.failed, "Migrations whose last attempt failed");
        List<Consumer<MeterRegistry>> replay;
        synchronized (this.earlyEvents) {
            replay = List.copyOf(this.earlyEvents);
            this.earlyEvents.clear();
            this.registries.add(registry);
        }
        replay.forEach((event) -> event.accept(registry));
    }

    private static LongTaskTimer active(MeterRegistry registry) {
        return LongTaskTimer.builder(MIGRATION_ACTIVE).description("Migrations running now").register(registry);
    }

    private static Counter retries(MeterRegistry registry) {
        return Counter.builder(LOCK_RETRIES)
            .description("Retries of migrations or statements after a lock timeout or a cancel because "
                    + "application sessions queued behind them")
            .baseUnit("retries")
            .register(registry);
    }

    private static DistributionSummary blockedSessions(MeterRegistry registry) {
        return DistributionSummary.builder(LOCK_BLOCKED_SESSIONS)
            .description("Application sessions seen queued behind a migration statement that waited for a lock")
            .baseUnit("sessions")
            .register(registry);
    }

    private static DistributionSummary attempts(MeterRegistry registry) {
        return DistributionSummary.builder(MIGRATION_ATTEMPTS)
            .description("Attempts each applied migration took; more than one when its statements gave up on their "
                    + "locks and were retried")
            .baseUnit("attempts")
            .register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, AtomicInteger value, String description) {
        Gauge.builder(name, value, AtomicInteger::get).description(description).baseUnit("migrations").register(registry);
    }

    @Override
    public void runSucceeded(RunTrigger trigger, MigrateResult result, Duration took) {
        run(trigger, SUCCESS);
    }

    @Override
    public void runSkipped(RunTrigger trigger, String reason, Duration took) {
        run(trigger, SKIPPED);
    }

    @Override
    public void runFailed(RunTrigger trigger, TidemarkException error, Duration took) {
        run(trigger, FAILURE);
    }

    private void run(RunTrigger trigger, String outcome) {
        record((registry) -> Counter.builder(RUNS)
            .description("Migration runs by trigger and outcome; failed background passes show here, not in readiness")
            .tag(TRIGGER, trigger.name().toLowerCase(Locale.ROOT))
            .tag(OUTCOME, outcome)
            .register(registry)
            .increment());
    }

    @Override
    public void lockWaitEnded(Duration waited, boolean acquired) {
        record((registry) -> lockWait(registry, LOCK_MIGRATION, acquired).record(waited));
    }

    @Override
    public void migrationStarted(MigrationInfo migration) {
        List<LongTaskTimer.Sample> samples = new ArrayList<>();
        this.registries.forEach((registry) -> samples.add(active(registry).start()));
        this.running.put(migration.version(), samples);
    }

    @Override
    public void migrationSucceeded(MigrationInfo migration, Duration took, int attempts) {
        ended(migration, took, SUCCESS);
        record((registry) -> attempts(registry).record(attempts));
    }

    @Override
    public void migrationDeferred(MigrationInfo migration, String reason) {
        List<LongTaskTimer.Sample> samples = this.running.remove(migration.version());
        if (samples != null) {
            samples.forEach(LongTaskTimer.Sample::stop);
        }
    }

    @Override
    public void migrationFailed(MigrationInfo migration, Duration took, TidemarkException error) {
        ended(migration, took, FAILURE);
    }

    private void ended(MigrationInfo migration, Duration took, String outcome) {
        List<LongTaskTimer.Sample> samples = this.running.remove(migration.version());
        if (samples != null) {
            samples.forEach(LongTaskTimer.Sample::stop);
        }
        String phase = migration.phase().name().toLowerCase(Locale.ROOT);
        record((registry) -> Timer.builder(MIGRATION_DURATION)
            .description("How long migrations ran, including lock waits and retries")
            .tag(PHASE, phase)
            .tag(OUTCOME, outcome)
            .register(registry)
            .record(took));
    }

    @Override
    public void lockTimeoutRetry(MigrationInfo migration, int attempt, Duration backoff) {
        record((registry) -> retries(registry).increment());
    }

    @Override
    public void statementLockWaited(MigrationInfo migration, Duration waited, int blockedSessions) {
        record((registry) -> {
            lockWait(registry, LOCK_TABLE, true).record(waited);
            blockedSessions(registry).record(blockedSessions);
        });
    }

    @Override
    public void statementLockTimedOut(MigrationInfo migration, Duration waited, int blockedSessions,
            boolean cancelled) {
        record((registry) -> {
            lockWait(registry, LOCK_TABLE, false).record(waited);
            blockedSessions(registry).record(blockedSessions);
        });
    }

    @Override
    public void migrationsCounted(int pending, int deferred, int failed) {
        this.pending.set(pending);
        this.deferred.set(deferred);
        this.failed.set(failed);
    }

    /** Records into every bound registry, or keeps the event for the first binding. */
    private void record(Consumer<MeterRegistry> event) {
        synchronized (this.earlyEvents) {
            if (this.registries.isEmpty()) {
                if (this.earlyEvents.size() < MAX_EARLY_EVENTS) {
                    this.earlyEvents.add(event);
                }
                return;
            }
        }
        this.registries.forEach(event);
    }

    private static Timer lockWait(MeterRegistry registry, String lock, boolean acquired) {
        return Timer.builder(LOCK_WAIT)
            .description("Time spent waiting for locks: table locks of migration statements, and the migration lock")
            .tag(LOCK, lock)
            .tag(OUTCOME, acquired ? ACQUIRED : TIMEOUT)
            .register(registry);
    }

}
