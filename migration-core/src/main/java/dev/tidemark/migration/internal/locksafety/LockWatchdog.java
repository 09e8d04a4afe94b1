package dev.tidemark.migration.internal.locksafety;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tidemark.migration.internal.sql.IdleTimeouts;

/**
 * Watches the migration's backend from a connection of its own while a statement runs, sampling it every
 * interval ({@link StatementWatch}): it logs who blocks a waiting statement, cancels one that application
 * sessions queue behind, and reports what it saw, which decides whether the next attempt's
 * {@code lock_timeout} may grow and what the pause before it watches. It is an accelerator and a witness,
 * never the guarantee: every wait is bounded by its {@code lock_timeout} on the server, whether this thread
 * runs on time or not at all (a busy JVM, a pool that has no connection to spare).
 * <p>
 * One thread and one connection per watchdog; between statements the thread parks and costs nothing.
 * The thread opens the connection itself, so a migration never waits for it; until it is there, or if it
 * cannot be opened, the watchdog is inert (with a warning that names the pool size when the wait is long).
 * Thread-safe.
 */
final class LockWatchdog implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LockWatchdog.class);

    /** Shorter waits are routine on a busy table; from this on an on-call person wants to know who blocks. */
    private static final Duration WARN_AFTER = Duration.ofMillis(250);

    private static final Duration WARN_REPEAT = Duration.ofSeconds(10);

    private static final Duration DESCRIBE_REPEAT = Duration.ofSeconds(1);

    /** The watchdog does not hold up a migration while it waits for its connection; from this wait on it says so. */
    private static final Duration SLOW_CONNECTION = Duration.ofSeconds(1);

    private final DataSource dataSource;

    private final long intervalNanos;

    private final long openedAt = System.nanoTime();

    private final Thread thread;

    private volatile @Nullable Connection connection;

    private volatile boolean connectionFailed;

    private final AtomicReference<@Nullable StatementWatch> current = new AtomicReference<>();

    private volatile boolean closed;

    private boolean warnedSlowConnection;

    private volatile @Nullable IdleTimeouts idleTimeouts;

    private LockWatchdog(DataSource dataSource, Duration interval) {
        this.dataSource = dataSource;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "tidemark-lock-watchdog");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Starts the watchdog's thread, which opens the watchdog's own connection: the migration does not wait
     * for it (a small pool may make it wait long), and until it is there, or when it cannot be had,
     * statements are protected by {@code lock_timeout} alone.
     */
    static LockWatchdog open(DataSource dataSource, Duration interval) {
        return new LockWatchdog(dataSource, interval);
    }

    /**
     * Starts watching a statement; {@link StatementWatch#finish()} ends it. One statement at a time.
     * @param pid the migration's backend pid
     * @param label what runs, for the log (migration, file and line)
     * @param cancelWhenBlocking whether to cancel the statement when application sessions queue behind it
     * @param blocksApplication whether its lock blocks application reads or writes (else it takes at most SHARE
     *        UPDATE EXCLUSIVE and may wait long), for the log
     */
    StatementWatch watch(int pid, String label, boolean cancelWhenBlocking, boolean blocksApplication) {
        StatementWatch watch = new StatementWatch(this, pid, label, cancelWhenBlocking, blocksApplication);
        warnIfStillConnecting();
        this.current.set(watch);
        LockSupport.unpark(this.thread);
        return watch;
    }

    /** The statement finished; stop sampling it (unless another one is watched already). */
    void stopWatching(StatementWatch watch) {
        this.current.compareAndSet(watch, null);
    }

    private void warnIfStillConnecting() {
        long waited = System.nanoTime() - this.openedAt;
        if (this.connection == null && !this.connectionFailed && !this.warnedSlowConnection
                && waited > SLOW_CONNECTION.toNanos()) {
            this.warnedSlowConnection = true;
            logger.warn("The lock watchdog has waited {} ms for a database connection, and migration statements run "
                    + "without it (lock_timeout alone protects the application) until it has one. A migration run uses "
                    + "three connections at once (statements, migration lock, watchdog): if the DataSource is a pool, "
                    + "allow it at least 3 (e.g. spring.datasource.hikari.maximum-pool-size), or give Tidemark a "
                    + "DataSource of its own", TimeUnit.NANOSECONDS.toMillis(waited));
        }
    }

    private @Nullable Connection connect() {
        try {
            Connection opened = this.dataSource.getConnection();
            opened.setAutoCommit(true);
            // It parks between statements; a server's idle_session_timeout must not end it meanwhile.
            this.idleTimeouts = IdleTimeouts.disable(opened);
            return opened;
        }
        catch (SQLException ex) {
            this.connectionFailed = true;
            logger.warn("Could not open the lock watchdog's connection ({}); migration statements still run with "
                    + "lock_timeout, but lock waits are neither observed nor cancelled early", ex.getMessage());
            return null;
        }
    }

    private void run() {
        Connection opened = connect();
        if (opened == null) {
            return;
        }
        this.connection = opened;
        if (this.closed) {
            // The run ended before the connection came; close() did not wait for it.
            release();
            return;
        }
        while (!this.closed) {
            if (this.current.get() == null) {
                LockSupport.park(this);
                continue;
            }
            LockSupport.parkNanos(this, this.intervalNanos);
            StatementWatch watch = this.current.get();
            if (watch != null && !this.closed) {
                try {
                    watch.sample(opened);
                }
                catch (SQLException ex) {
                    logger.debug("Lock watchdog sample failed", ex);
                }
            }
        }
    }

    /**
     * Stops the thread and closes the connection. A thread still waiting for its connection is not waited
     * for: it closes the connection itself when it comes.
     */
    @Override
    public void close() {
        this.closed = true;
        if (this.connection == null) {
            return;
        }
        LockSupport.unpark(this.thread);
        try {
            this.thread.join(5_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    private synchronized void release() {
        Connection opened = this.connection;
        this.connection = null;
        if (opened == null) {
            return;
        }
        try (opened) {
            IdleTimeouts timeouts = this.idleTimeouts;
            if (timeouts != null) {
                timeouts.close();
            }
        }
        catch (SQLException ex) {
            logger.debug("Could not close the lock watchdog's connection", ex);
        }
    }

}
