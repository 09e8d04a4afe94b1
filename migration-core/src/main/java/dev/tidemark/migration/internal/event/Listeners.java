package dev.tidemark.migration.internal.event;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.MigrateResult;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.MigrationListener;
import dev.tidemark.migration.RunTrigger;
import dev.tidemark.migration.TidemarkException;

/**
 * Fans events out to every configured listener; a listener that throws is logged and skipped, so
 * observing a migration can never break it. Thread-safe if the listeners are.
 */
public final class Listeners implements MigrationListener {

    private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

    private final List<MigrationListener> listeners;

    /** Creates the fan-out over the given listeners. */
    public Listeners(List<MigrationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void runStarted(RunTrigger trigger) {
        each((listener) -> listener.runStarted(trigger));
    }

    @Override
    public void runSucceeded(RunTrigger trigger, MigrateResult result, Duration took) {
        each((listener) -> listener.runSucceeded(trigger, result, took));
    }

    @Override
    public void runSkipped(RunTrigger trigger, String reason, Duration took) {
        each((listener) -> listener.runSkipped(trigger, reason, took));
    }

    @Override
    public void runFailed(RunTrigger trigger, TidemarkException error, Duration took) {
        each((listener) -> listener.runFailed(trigger, error, took));
    }

    @Override
    public void lockWaitStarted() {
        each(MigrationListener::lockWaitStarted);
    }

    @Override
    public void lockWaitEnded(Duration waited, boolean acquired) {
        each((listener) -> listener.lockWaitEnded(waited, acquired));
    }

    @Override
    public void migrationStarted(MigrationInfo migration) {
        each((listener) -> listener.migrationStarted(migration));
    }

    @Override
    public void migrationSucceeded(MigrationInfo migration, Duration took) {
        each((listener) -> listener.migrationSucceeded(migration, took));
    }

    @Override
    public void migrationSucceeded(MigrationInfo migration, Duration took, int attempts) {
        each((listener) -> listener.migrationSucceeded(migration, took, attempts));
    }

    @Override
    public void migrationDeferred(MigrationInfo migration, String reason) {
        each((listener) -> listener.migrationDeferred(migration, reason));
    }

    @Override
    public void migrationFailed(MigrationInfo migration, Duration took, TidemarkException error) {
        each((listener) -> listener.migrationFailed(migration, took, error));
    }

    @Override
    public void lockTimeoutRetry(MigrationInfo migration, int attempt, Duration backoff) {
        each((listener) -> listener.lockTimeoutRetry(migration, attempt, backoff));
    }

    @Override
    public void statementLockWaited(MigrationInfo migration, Duration waited, int blockedSessions) {
        each((listener) -> listener.statementLockWaited(migration, waited, blockedSessions));
    }

    @Override
    public void statementLockTimedOut(MigrationInfo migration, Duration waited, int blockedSessions,
            boolean cancelled) {
        each((listener) -> listener.statementLockTimedOut(migration, waited, blockedSessions, cancelled));
    }

    @Override
    public void migrationsCounted(int pending, int deferred, int failed) {
        each((listener) -> listener.migrationsCounted(pending, deferred, failed));
    }

    private void each(Consumer<MigrationListener> event) {
        for (MigrationListener listener : this.listeners) {
            try {
                event.accept(listener);
            }
            catch (RuntimeException ex) {
                logger.warn("Migration listener {} failed; ignoring it", listener.getClass().getName(), ex);
            }
        }
    }

}
