package dev.tidemark.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.migration.internal.fleet.HeartbeatRegistration;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.PostgresServer;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling deployment from 1.0.0 to 2.0.0 of the column rename, with real registrations, heartbeats
 * and reconcilers; each test works in a database of its own.
 */
@WithPostgres
class RollingDeploymentTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path v1Files;

    @TempDir
    Path v2Files;

    @Test
    void contractWaitsForTheOldInstancesAndRunsOnceAfterTheLastOneDeregisters() {
        rollOut((database, lastV1) -> lastV1.close());
    }

    @Test
    void contractRunsOnceAfterTheLastOldInstancesHeartbeatGoesStale() {
        rollOut((database, lastV1) -> {
            // A crashed process: no more heartbeats, and its row stays until it is older than the stale timeout.
            ((HeartbeatRegistration) lastV1).abandon();
            Sql.execute(database, "UPDATE tidemark_instances SET last_heartbeat = clock_timestamp() - interval '1 minute' "
                    + "WHERE id = '" + lastV1.instanceId() + "'");
        });
    }

    private void rollOut(BiConsumer<TestDatabase, FleetRegistration> lastV1Leaves) {
        String v1 = CustomerRename.location(this.v1Files, 1);
        String v2 = CustomerRename.location(this.v2Files, 2);
        try (TestDatabase database = PostgresServer.get().createDatabase("rolling")) {
            List<FleetRegistration> v1Registrations = new ArrayList<>();
            for (String host : List.of("v1-a", "v1-b", "v1-c")) {
                Tidemark instance = new Tidemark(CustomerRename.instance(database, v1, "1.0.0", host).build());
                instance.expand();
                v1Registrations.add(instance.register());
            }
            assertThat(CustomerRename.appliedInOrder(database)).containsExactly("1");
            Workload v1Workload = new Workload(database);
            v1Workload.start();

            List<Tidemark> v2Instances = new ArrayList<>();
            List<FleetRegistration> v2Registrations = new ArrayList<>();
            List<Reconciler> reconcilers = new ArrayList<>();
            List<TidemarkException> reconcilerFailures = new CopyOnWriteArrayList<>();
            try {
                for (String host : List.of("v2-a", "v2-b", "v2-c")) {
                    Tidemark instance = new Tidemark(CustomerRename.instance(database, v2, "2.0.0", host).build());
                    MigrateResult startup = instance.expand();
                    if (host.equals("v2-a")) {
                        assertThat(startup.applied()).extracting(MigrationInfo::script)
                            .containsExactly(CustomerRename.ADD_FULL_NAME);
                        assertThat(startup.deferred()).extracting(MigrationInfo::script)
                            .containsExactly(CustomerRename.BACKFILL, CustomerRename.DROP_NAME);
                        assertThat(startup.deferred().get(0).deferralReason())
                            .startsWith("waiting until every instance runs >= 2.0.0; still live below it: v1-a (1.0.0, ")
                            .contains("v1-b (1.0.0, ", "v1-c (1.0.0, ");
                    }
                    else {
                        assertThat(startup.applied()).isEmpty();
                    }
                    v2Instances.add(instance);
                    v2Registrations.add(instance.register());
                    reconcilers.add(instance.startReconciler());
                }
                assertThat(CustomerRename.appliedInOrder(database)).containsExactly("1", "2");
                v1Workload.awaitProgress();

                // Two of the old instances go away; the last one keeps serving, so the contract keeps waiting.
                v1Registrations.get(0).close();
                v1Registrations.get(1).close();
                await("the plan waits only for v1-c").atMost(BOUND).until(() -> reasonOfContract(v2Instances.get(1))
                    .matches("waiting until every instance runs >= 2\\.0\\.0; still live below it: v1-c \\(1\\.0\\.0, heartbeat \\d+ s ago\\)"));
                awaitTicks(reconcilers, reconcilerFailures);
                assertThat(CustomerRename.appliedInOrder(database)).containsExactly("1", "2");
                assertThat(v2Instances.get(2).info()).filteredOn((info) -> info.script().equals(CustomerRename.DROP_NAME))
                    .extracting(MigrationInfo::state).containsExactly(MigrationState.DEFERRED);

                v1Workload.finish();
                assertThat(v1Workload.errors()).isEmpty();
                lastV1Leaves.accept(database, v1Registrations.get(2));

                await("the running reconcilers applied the backfill and the contract").atMost(BOUND).until(() -> {
                    reconcilers.forEach((reconciler) -> reconciler.lastFailure().ifPresent(reconcilerFailures::add));
                    return CustomerRename.appliedInOrder(database).size() == 4;
                });
                awaitTicks(reconcilers, reconcilerFailures);
                assertThat(CustomerRename.appliedInOrder(database)).containsExactly("1", "2", "3", "4");
                assertThat(Sql.column(database, "SELECT count(*) FROM tidemark_history WHERE version = '4'")).containsExactly("1");
                assertThat(Sql.column(database, "SELECT count(*) FROM tidemark_history WHERE outcome <> 'SUCCESS'"))
                    .containsExactly("0");
                assertThat(reconcilerFailures).isEmpty();
                assertThat(Sql.column(database, "SELECT column_name FROM information_schema.columns "
                        + "WHERE table_name = 'customers' ORDER BY ordinal_position")).containsExactly("id", "full_name");
                assertThat(Sql.column(database, "SELECT count(*) FROM customers WHERE full_name IS NULL")).containsExactly("0");
            }
            finally {
                v1Workload.finish();
                reconcilers.forEach(Reconciler::close);
                v2Registrations.forEach(FleetRegistration::close);
                v1Registrations.forEach(FleetRegistration::close);
            }
        }
    }

    private static String reasonOfContract(Tidemark instance) {
        return instance.plan().deferred().stream()
            .filter((info) -> info.script().equals(CustomerRename.BACKFILL))
            .map(MigrationInfo::deferralReason)
            .findFirst()
            .orElse("");
    }

    /** Waits until every reconciler has run at least two more times, collecting any failure it reports. */
    private static void awaitTicks(List<Reconciler> reconcilers, List<TidemarkException> failures) {
        for (Reconciler reconciler : reconcilers) {
            for (int tick = 0; tick < 2; tick++) {
                java.time.Instant before = reconciler.lastRun().orElse(java.time.Instant.EPOCH);
                await("a reconciler ran").atMost(BOUND).until(() -> {
                    reconciler.lastFailure().ifPresent(failures::add);
                    return reconciler.lastRun().map((run) -> run.isAfter(before)).orElse(false);
                });
            }
        }
    }

    /** The 1.0.0 application's traffic: it writes and reads the old shape, {@code name}, until stopped. */
    private static final class Workload extends Thread {

        private final TestDatabase database;

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final AtomicInteger rounds = new AtomicInteger();

        private final List<Exception> errors = new CopyOnWriteArrayList<>();

        Workload(TestDatabase database) {
            super("v1-workload");
            setDaemon(true);
            this.database = database;
        }

        @Override
        public void run() {
            try (Connection connection = this.database.getConnection()) {
                while (this.running.get()) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO customers (name) VALUES (?)");
                            PreparedStatement select = connection.prepareStatement(
                                    "SELECT name FROM customers ORDER BY id DESC LIMIT 5")) {
                        insert.setString(1, "customer " + this.rounds.get());
                        insert.executeUpdate();
                        try (ResultSet result = select.executeQuery()) {
                            while (result.next()) {
                                result.getString("name");
                            }
                        }
                    }
                    catch (Exception ex) {
                        this.errors.add(ex);
                    }
                    this.rounds.incrementAndGet();
                    Thread.sleep(10);
                }
            }
            catch (Exception ex) {
                this.errors.add(ex);
            }
        }

        void awaitProgress() {
            int seen = this.rounds.get();
            await("the v1 workload made progress").atMost(BOUND).until(() -> this.rounds.get() > seen + 5);
        }

        void finish() {
            this.running.set(false);
            try {
                join(10_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

        List<Exception> errors() {
            return this.errors;
        }

    }

}
