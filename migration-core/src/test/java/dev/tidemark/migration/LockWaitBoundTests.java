package dev.tidemark.migration;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound on a migration's lock wait comes from the server, not from the lock watchdog's thread, and a
 * retry does not sleep out its backoff once the blocker is gone.
 */
@WithPostgres
class LockWaitBoundTests {

    /** Far beyond each test: a wait that ends sooner was ended by the short first-attempt bound. */
    private static final Duration LOCK_TIMEOUT_CAP = Duration.ofSeconds(30);

    /** Generous for a busy CI machine, and still far below the cap; the benchmark carries the precise claim. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final TestDatabase database;

    LockWaitBoundTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void reset() {
        this.database.resetSchema();
    }

    @Test
    void aBlockedDdlGivesUpWithinItsShortLockTimeoutWhileTheWatchdogCannotRun(@TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, total int);\n"
                + "INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g;");
        StalledWatchdog dataSource = new StalledWatchdog(this.database);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        AtomicBoolean cancelledByWatchdog = new AtomicBoolean();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void statementLockTimedOut(MigrationInfo migration, Duration waited, int blockedSessions,
                    boolean byWatchdog) {
                waits.add(waited);
                cancelledByWatchdog.compareAndSet(false, byWatchdog);
            }
        };
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(dataSource).codeVersion("1.0.0")
            .locations(files.location()).lockTimeout(LOCK_TIMEOUT_CAP).listener(listener).build());
        tidemark.migrate();
        files.write("1.0.0/V2__expand__add_note.sql", "ALTER TABLE orders ADD COLUMN note text;");

        dataSource.stall();
        try (Connection blocker = this.database.getConnection(); Connection application = this.database.getConnection()) {
            blocker.setAutoCommit(false);
            execute(blocker, "SELECT count(*) FROM orders");
            Probe probe = Probe.start(application, "SELECT total FROM orders WHERE id = 42");
            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(tidemark::migrate);
            // Long enough for several attempts (50 ms each, pauses of 100, 200, 400 ms).
            Thread.sleep(1_500);
            assertThat(dataSource.stalledCalls()).as("the watchdog's thread is stuck").isPositive();
            assertThat(migration).isNotDone();
            blocker.commit();
            dataSource.resume();
            assertThat(migration.get(60, TimeUnit.SECONDS).appliedCount()).isEqualTo(1);
            Duration slowest = probe.stop();
            // The wait of each attempt, and so the application's, is bounded by the 50 ms first-attempt lock_timeout
            // that the server enforces; the watchdog, stuck, neither cancelled nor saw anything.
            assertThat(slowest).isLessThan(LockSafetySettings.DEFAULTS.initialLockTimeout().plus(MARGIN));
        }
        assertThat(waits).hasSizeGreaterThanOrEqualTo(2)
            .allSatisfy((waited) -> assertThat(waited).isLessThan(LockSafetySettings.DEFAULTS.initialLockTimeout()
                .plus(MARGIN)));
        assertThat(cancelledByWatchdog).isFalse();
        assertThat(Sql.count(this.database, "SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'orders' AND column_name = 'note'")).isEqualTo(1);
    }

    @Test
    void aRetryStartsSoonAfterTheBlockerCommitsEvenWhenItsBackoffIsSeconds(@TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__items.sql", "CREATE TABLE items (id int PRIMARY KEY);");
        CountDownLatch pausing = new CountDownLatch(1);
        List<Duration> backoffs = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void lockTimeoutRetry(MigrationInfo migration, int attempt, Duration backoff) {
                backoffs.add(backoff);
                pausing.countDown();
            }

            @Override
            public void migrationSucceeded(MigrationInfo migration, Duration took, int attemptsMade) {
                attempts.set(attemptsMade);
            }
        };
        // The first pause is drawn between 2 and 4 s, as it would be after a few retries with the default backoff.
        // Attempts wait 500 ms so that the watchdog surely sees who blocks them.
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(files.location()).initialLockTimeout(Duration.ofMillis(500)).lockTimeout(Duration.ofMillis(500))
            .lockRetryBackoff(Duration.ofSeconds(4)).lockRetryMaxBackoff(Duration.ofSeconds(8)).listener(listener)
            .build());
        tidemark.migrate();
        files.write("1.0.0/V2__expand__add_name.sql", "ALTER TABLE items ADD COLUMN name text;");

        long committed;
        try (Connection blocker = this.database.getConnection()) {
            blocker.setAutoCommit(false);
            execute(blocker, "SELECT count(*) FROM items");
            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(tidemark::migrate);
            assertThat(pausing.await(30, TimeUnit.SECONDS)).as("the first attempt gave up").isTrue();
            Thread.sleep(300); // well into the pause
            blocker.commit();
            committed = System.nanoTime();
            assertThat(migration.get(60, TimeUnit.SECONDS).appliedCount()).isEqualTo(1);
        }
        Duration doneAfterCommit = Duration.ofNanos(System.nanoTime() - committed);
        assertThat(backoffs).singleElement().satisfies((backoff) -> {
            assertThat(backoff).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            // Generous for a busy machine, and still well short of the pause that was not slept out.
            assertThat(doneAfterCommit).isLessThan(backoff.minus(Duration.ofMillis(500)));
        });
        assertThat(attempts).hasValue(2);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** An application session that runs a query every 5 ms and remembers the slowest. */
    static final class Probe {

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final AtomicLong slowestNanos = new AtomicLong();

        private CompletableFuture<Void> run = CompletableFuture.completedFuture(null);

        static Probe start(Connection connection, String sql) {
            Probe probe = new Probe();
            probe.run = CompletableFuture.runAsync(() -> {
                while (probe.running.get()) {
                    long start = System.nanoTime();
                    try {
                        execute(connection, sql);
                    }
                    catch (SQLException ex) {
                        throw new IllegalStateException(ex);
                    }
                    probe.slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    try {
                        Thread.sleep(5);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            return probe;
        }

        Duration stop() throws Exception {
            this.running.set(false);
            this.run.get(30, TimeUnit.SECONDS);
            return Duration.ofNanos(this.slowestNanos.get());
        }

    }

    /**
     * Hands out connections of the test database; those that the lock watchdog's thread opens stop at every
     * call while the watchdog is stalled, as if the JVM did not schedule the thread (a long GC pause, a CPU limit).
     */
    static final class StalledWatchdog implements DataSource {

        private static final String WATCHDOG_THREAD = "tidemark-lock-watchdog";

        private final DataSource target;

        private volatile CountDownLatch resumed = new CountDownLatch(0);

        private final AtomicInteger stalledCalls = new AtomicInteger();

        StalledWatchdog(DataSource target) {
            this.target = target;
        }

        void stall() {
            this.resumed = new CountDownLatch(1);
        }

        void resume() {
            this.resumed.countDown();
        }

        int stalledCalls() {
            return this.stalledCalls.get();
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = this.target.getConnection();
            if (!Thread.currentThread().getName().equals(WATCHDOG_THREAD)) {
                return connection;
            }
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, args) -> {
                        CountDownLatch latch = this.resumed;
                        if (latch.getCount() > 0 && !method.getName().equals("close")) {
                            this.stalledCalls.incrementAndGet();
                            latch.await();
                        }
                        try {
                            return method.invoke(connection, args);
                        }
                        catch (InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("not supported");
        }

        @Override
        public PrintWriter getLogWriter() {
            return new PrintWriter(System.err);
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }

    }

}
