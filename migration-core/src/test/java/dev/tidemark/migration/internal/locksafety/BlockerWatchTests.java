package dev.tidemark.migration.internal.locksafety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
class BlockerWatchTests {

    private static final Duration LONG_PAUSE = Duration.ofSeconds(20);

    private static final Duration POLL = Duration.ofMillis(20);

    private final TestDatabase database;

    BlockerWatchTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void table() {
        this.database.resetSchema();
        Sql.execute(this.database, "CREATE TABLE t (id int)");
    }

    @Test
    void thePauseEndsSoonAfterTheTransactionInTheWayCommits() throws Exception {
        try (Connection holder = this.database.getConnection(); Connection migration = this.database.getConnection()) {
            LockTarget target = holdAccessShare(holder);
            CompletableFuture<Duration> pause = pauseAsync(migration, target);
            Thread.sleep(300);
            assertThat(pause).as("paused while the reader holds the table").isNotDone();
            long committed = System.nanoTime();
            holder.commit();
            pause.get(LONG_PAUSE.toSeconds(), TimeUnit.SECONDS);
            // Generous for a busy machine; the point is that it does not sleep out the 20 s.
            assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void transactionsThatStartDuringThePauseDoNotHoldItUp() throws Exception {
        try (Connection first = this.database.getConnection(); Connection later = this.database.getConnection();
                Connection migration = this.database.getConnection()) {
            LockTarget target = holdAccessShare(first);
            CompletableFuture<Duration> pause = pauseAsync(migration, target);
            Thread.sleep(100);
            holdAccessShare(later);
            first.commit();
            // The later reader still holds the table: the next attempt's short lock_timeout deals with it.
            assertThat(pause.get(LONG_PAUSE.toSeconds(), TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(5));
            later.rollback();
        }
    }

    @Test
    void laterPausesEndEarlyForABlockerThatWasInTheWayBefore() throws Exception {
        try (Connection holder = this.database.getConnection(); Connection migration = this.database.getConnection()) {
            LockTarget target = holdAccessShare(holder);
            CompletableFuture<Duration> pause = pauseAsync(migration, target, Set.of(virtualTransaction(holder)),
                    LONG_PAUSE);
            Thread.sleep(300);
            holder.commit();
            assertThat(pause.get(LONG_PAUSE.toSeconds(), TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void laterPausesRunTheirLengthWhenOnlyNewTransactionsAreInTheWay() throws Exception {
        Duration pause = Duration.ofMillis(800);
        try (Connection holder = this.database.getConnection(); Connection migration = this.database.getConnection()) {
            LockTarget target = holdAccessShare(holder);
            // A stream of transactions, each new at its attempt: retrying the moment one ends would meet the next.
            CompletableFuture<Duration> paused = pauseAsync(migration, target, Set.of("999/1"), pause);
            Thread.sleep(100);
            holder.commit();
            assertThat(paused.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(pause);
        }
    }

    @Test
    void aPauseWithNothingLeftInTheWayEndsAtOnce() throws Exception {
        LockTarget target;
        try (Connection holder = this.database.getConnection()) {
            target = holdAccessShare(holder);
            holder.rollback();
        }
        try (Connection migration = this.database.getConnection()) {
            assertThat(BlockerWatch.pause(migration, target, null, LONG_PAUSE, POLL, BlockerWatchTests::sleep,
                    System::nanoTime).took()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void withoutTheLockItWaitedForThePauseRunsItsFullLength() throws Exception {
        try (Connection migration = this.database.getConnection()) {
            assertThat(BlockerWatch.pause(migration, null, null, Duration.ofMillis(200), POLL, BlockerWatchTests::sleep,
                    System::nanoTime).took()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    private static CompletableFuture<Duration> pauseAsync(Connection migration, LockTarget target) {
        return pauseAsync(migration, target, null, LONG_PAUSE);
    }

    private static CompletableFuture<Duration> pauseAsync(Connection migration, LockTarget target, Set<String> earlier,
            Duration pause) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return BlockerWatch.pause(migration, target, earlier, pause, POLL, BlockerWatchTests::sleep,
                        System::nanoTime).took();
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    /** Reads t in an open transaction and returns the lock an ALTER TABLE of t would wait for. */
    private static LockTarget holdAccessShare(Connection holder) throws SQLException {
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.execute("SELECT count(*) FROM t");
        }
        try (PreparedStatement statement = holder.prepareStatement("SELECT " + LockTarget.TAG
                + " FROM pg_catalog.pg_locks l WHERE l.pid = pg_backend_pid() AND l.relation = 't'::regclass");
                ResultSet result = statement.executeQuery()) {
            assertThat(result.next()).isTrue();
            return new LockTarget(result.getString(1), LockMode.ACCESS_EXCLUSIVE);
        }
    }

    private static String virtualTransaction(Connection holder) throws SQLException {
        try (Statement statement = holder.createStatement(); ResultSet result = statement.executeQuery(
                "SELECT virtualtransaction FROM pg_catalog.pg_locks WHERE pid = pg_backend_pid() LIMIT 1")) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static void sleep(Duration pause) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(pause.toNanos());
    }

}
