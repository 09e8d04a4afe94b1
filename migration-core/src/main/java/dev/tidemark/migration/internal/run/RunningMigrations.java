package dev.tidemark.migration.internal.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.LockWaitTimeoutException;
import dev.tidemark.migration.MigrationLockSettings;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.history.Outcome;

/**
 * Makes sure no other session is still applying a migration when this instance, holding the migration
 * lock, is about to: an instance that lost its lock (its lock session was terminated) may have a
 * statement still running on its own DDL session, a {@code CREATE INDEX CONCURRENTLY} that finishes
 * minutes later. Its running row names that session; this waits for it to end, within the migration
 * lock's wait timeout, instead of starting the same statements next to it. Not thread-safe.
 */
final class RunningMigrations {

    private static final Logger logger = LoggerFactory.getLogger(RunningMigrations.class);

    private final HistoryTable history;

    private final MigrationLockSettings settings;

    RunningMigrations(HistoryTable history, MigrationLockSettings settings) {
        this.history = history;
        this.settings = settings;
    }

    /**
     * Reads the history, waiting while a running row's session is still connected.
     * @return the history, rows of sessions that are gone marked {@link Outcome#INTERRUPTED}
     * @throws LockWaitTimeoutException naming the session when it is still there after the wait
     */
    List<AppliedMigration> awaitFinished(Connection connection) throws SQLException {
        long deadline = System.nanoTime() + this.settings.waitTimeout().toNanos();
        boolean logged = false;
        while (true) {
            List<AppliedMigration> rows = this.history.markInterrupted(connection, this.history.readAll(connection));
            List<AppliedMigration> running = rows.stream().filter((row) -> row.outcome() == Outcome.RUNNING).toList();
            if (running.isEmpty()) {
                return rows;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new LockWaitTimeoutException("Gave up after " + this.settings.waitTimeout() + " waiting for "
                        + describe(running) + ". That session no longer holds the migration lock (its instance lost it, "
                        + "e.g. because its lock session was terminated) but is still connected. If it hangs, end it with "
                        + "SELECT pg_terminate_backend(<pid>); the next run then continues the migration after its "
                        + "completed statements");
            }
            if (!logged) {
                logger.warn("Waiting for {} before migrating: it still runs on a session that no longer holds the "
                        + "migration lock", describe(running));
                logged = true;
            }
            sleep(this.settings.pollInterval());
        }
    }

    private static String describe(List<AppliedMigration> running) {
        return running.stream()
            .map((row) -> "V" + row.version() + " \"" + row.description() + "\", applied by database pid "
                    + row.backendPid() + " (host " + row.host() + ", started " + row.installedOn() + ")")
            .collect(Collectors.joining("; "));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new LockWaitTimeoutException("Interrupted while waiting for a migration that still runs");
        }
    }

}
