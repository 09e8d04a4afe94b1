package dev.tidemark.migration.internal.locksafety;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.LockSafetySettings;
import dev.tidemark.migration.MigrationListener;

/**
 * The lock-safety rules of one run: the settings, the listener, and one lock watchdog (a thread and a
 * connection) for every unit of work of the run, opened with the first one: it parks between statements,
 * and opening one per migration would cost a connection each. Close it after the run. Not thread-safe: one
 * migrating thread uses it.
 */
public final class LockSafety implements AutoCloseable {

    private final LockSafetySettings settings;

    private final DataSource dataSource;

    private final MigrationListener listener;

    private @Nullable LockWatchdog watchdog;

    /**
     * @param settings the rules
     * @param dataSource where the watchdog opens its connection
     * @param listener receives lock wait and retry events
     */
    public LockSafety(LockSafetySettings settings, DataSource dataSource, MigrationListener listener) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.listener = listener;
    }

    /**
     * Starts a unit of work (a migration, a backfill) on a connection: its attempts share one retry budget.
     * @param connection the connection its statements run on, in autocommit between attempts
     */
    public LockWaits start(Connection connection, Unit unit) throws SQLException {
        return new LockWaits(connection, backendPid(connection), unit, watchdog(), this.listener, this.settings);
    }

    private LockWatchdog watchdog() {
        if (this.watchdog == null) {
            this.watchdog = LockWatchdog.open(this.dataSource, this.settings.watchdogInterval());
        }
        return this.watchdog;
    }

    /** Stops the watchdog and closes its connection. */
    @Override
    public void close() {
        if (this.watchdog != null) {
            this.watchdog.close();
            this.watchdog = null;
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

}
