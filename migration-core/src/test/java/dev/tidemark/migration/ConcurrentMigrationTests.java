package dev.tidemark.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Ten instances start at once on an empty database: each migration is applied exactly once, nobody
 * fails, and waiters polling for the lock never deadlock a {@code CREATE INDEX CONCURRENTLY}.
 */
@WithPostgres
class ConcurrentMigrationTests {

    private static final int INSTANCES = 10;

    private final TestDatabase database;

    private MigrationFiles files;

    ConcurrentMigrationTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
        this.files.write("1.0.0/V1__expand__create_customers.sql",
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text);");
        this.files.write("1.0.0/V2__expand__seed_customers.sql",
                "INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 100) g;");
        this.files.write("1.0.0/V3__expand__create_orders.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);");
    }

    @Test
    void tenInstancesApplyEveryMigrationExactlyOnce() throws Exception {
        List<MigrateResult> results = migrateConcurrently();

        assertThat(results.stream().mapToInt(MigrateResult::appliedCount).sum()).isEqualTo(3);
        assertThat(Sql.appliedVersions(this.database)).containsExactly("1", "2", "3");
        assertThat(Sql.count(this.database, "SELECT count(*) FROM tidemark_history")).isEqualTo(3);
        assertThat(Sql.count(this.database, "SELECT count(*) FROM customers")).isEqualTo(100);
        assertThat(tidemark().migrate().appliedCount()).isZero();
    }

    @Test
    void waitersNeitherDeadlockNorHangACreateIndexConcurrently() {
        // The sleep keeps the lock held while the other nine poll; CREATE INDEX CONCURRENTLY then waits for
        // every open transaction, which a blocking pg_advisory_lock waiter would hold forever (flyway#1654).
        this.files.write("1.0.0/V4__expand__slow_step.sql", "SELECT pg_sleep(1);");
        this.files.write("1.0.0/V5__expand__index_customer_names.sql",
                "CREATE INDEX CONCURRENTLY customers_name ON customers (name);");

        List<MigrateResult> results = assertTimeoutPreemptively(Duration.ofSeconds(60), this::migrateConcurrently,
                "migrating instances deadlocked or hung");

        assertThat(results.stream().mapToInt(MigrateResult::appliedCount).sum()).isEqualTo(5);
        assertThat(Sql.appliedVersions(this.database)).containsExactly("1", "2", "3", "4", "5");
        assertThat(Sql.single(this.database, "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname = 'customers_name'")).isEqualTo(true);
    }

    private List<MigrateResult> migrateConcurrently() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(INSTANCES);
        try {
            CyclicBarrier start = new CyclicBarrier(INSTANCES);
            List<Future<MigrateResult>> futures = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                Tidemark instance = tidemark();
                futures.add(executor.submit(() -> {
                    start.await();
                    return instance.migrate();
                }));
            }
            List<MigrateResult> results = new ArrayList<>();
            for (Future<MigrateResult> future : futures) {
                // get() rethrows any instance's failure, so "no error anywhere" is part of the assertion.
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            executor.shutdownNow();
        }
    }

    private Tidemark tidemark() {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0")
            .locations(this.files.location()).lockPollInterval(Duration.ofMillis(100)).build());
    }

}
