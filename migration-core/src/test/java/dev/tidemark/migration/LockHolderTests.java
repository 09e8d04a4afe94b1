package dev.tidemark.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.fail;

/**
 * What happens around the holder of the migration lock: when its session is killed another instance
 * takes over within one poll interval and nothing is half-applied; when it holds on for too long a
 * waiter gives up with a message naming it.
 */
@WithPostgres
class LockHolderTests {

    private static final Duration POLL = Duration.ofMillis(300);

    /** The first key of Tidemark's two-key advisory locks ("tide"). */
    private static final int LOCK_NAMESPACE = 0x7469_6465;

    private final TestDatabase database;

    private MigrationFiles files;

    LockHolderTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
        this.files.write("1.0.0/V1__expand__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);");
        this.files.write("1.0.0/V2__expand__slow_orders.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY);\nSELECT pg_sleep(3);");
        this.files.write("1.0.0/V3__expand__create_invoices.sql", "CREATE TABLE invoices (id bigint PRIMARY KEY);");
    }

    @Test
    void killedLockHolderIsReplacedWithinOnePollIntervalAndNothingIsHalfApplied() throws Exception {
        CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(() -> tidemark(null).migrate());
        await("the first instance to run its slow migration").atMost(Duration.ofSeconds(20)).until(() -> Sql.count(this.database, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%' "
                + "AND state = 'active' AND datname = current_database()") == 1);
        int holder = lockHolderPid();

        CountDownLatch secondWaits = new CountDownLatch(1);
        AtomicLong secondAcquiredAt = new AtomicLong();
        CompletableFuture<MigrateResult> second = CompletableFuture.supplyAsync(() -> tidemark(new MigrationListener() {
            @Override
            public void lockWaitStarted() {
                secondWaits.countDown();
            }

            @Override
            public void lockWaitEnded(Duration waited, boolean acquired) {
                secondAcquiredAt.set(System.nanoTime());
            }
        }).migrate());
        assertThat(secondWaits.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(POLL.toMillis());

        long killedAt = System.nanoTime();
        assertThat(Sql.single(this.database, "SELECT pg_terminate_backend(" + holder + ")")).isEqualTo(true);

        MigrateResult secondResult = second.get(30, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(secondAcquiredAt.get() - killedAt))
            .as("time from the kill to the second instance holding the lock")
            .isLessThan(POLL.plus(Duration.ofMillis(700)));
        try {
            first.get(30, TimeUnit.SECONDS);
            fail("the instance whose lock session was killed must not report success");
        }
        catch (ExecutionException ex) {
            assertThat(ex.getCause()).isInstanceOf(TidemarkException.class);
            assertThat(((TidemarkException) ex.getCause()).errorCode()).isEqualTo(ErrorCode.LOCK_LOST);
        }

        assertThat(secondResult.applied()).extracting((info) -> info.version().toString()).containsExactly("2", "3");
        assertThat(Sql.appliedVersions(this.database)).containsExactly("1", "2", "3");
        assertThat(Sql.count(this.database, "SELECT count(*) FROM tidemark_history")).isEqualTo(3);
        assertThat(Sql.tables(this.database)).containsExactly("customers", "invoices", "orders", "tidemark_history");
    }

    @Test
    void waiterGivesUpAfterTheBoundNamingTheHolder() throws Exception {
        CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(() -> tidemark(null).migrate());
        await("the first instance to run its slow migration").atMost(Duration.ofSeconds(20)).until(() -> Sql.count(this.database, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%' "
                + "AND state = 'active' AND datname = current_database()") == 1);
        int holder = lockHolderPid();

        Tidemark impatient = new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).lockPollInterval(Duration.ofMillis(100))
            .lockWaitTimeout(Duration.ofMillis(500)).build());
        try {
            impatient.migrate();
            fail("expected the wait for the lock to end");
        }
        catch (LockWaitTimeoutException ex) {
            assertThat(ex.errorCode()).isEqualTo(ErrorCode.LOCK_WAIT_TIMEOUT);
            assertThat(ex.getMessage()).contains("pid " + holder).contains("application_name 'PostgreSQL JDBC Driver'")
                .contains("since ").contains("pg_terminate_backend");
        }
        assertThat(first.get(30, TimeUnit.SECONDS).appliedCount()).isEqualTo(3);
    }

    private int lockHolderPid() {
        return ((Number) Sql.single(this.database, "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                + "AND classid = " + LOCK_NAMESPACE + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).intValue();
    }

    private Tidemark tidemark(MigrationListener listener) {
        TidemarkConfiguration.Builder builder = TidemarkConfiguration.builder().dataSource(this.database)
            .codeVersion("1.0.0").locations(this.files.location()).lockPollInterval(POLL);
        if (listener != null) {
            builder.listener(listener);
        }
        return new Tidemark(builder.build());
    }

}
