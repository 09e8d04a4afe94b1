package dev.tidemark.migration;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.migration.internal.fleet.HeartbeatRegistration;
import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.PostgresServer;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the registry proves that no older code runs, so that a release's own MIGRATE and CONTRACT apply
 * without newer code or a forced request: the README's rolling walkthrough with one instance per release,
 * a crashed old instance, a registry that never saw another instance, and a declared single instance.
 */
class FleetEvidenceTests {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private static final String DROP_NAME = "3.0.0/V4__contract__drop_name.sql";

    @TempDir
    Path release2Files;

    @TempDir
    Path release3Files;

    @Test
    @SuppressWarnings("try") // the reconciler runs for the block; its variable is unused
    void release3ContractsOnItsOwnOnceTheOnlyRelease2InstanceStopsCleanly() {
        try (TestDatabase database = PostgresServer.get().createDatabase("evidence")) {
            Tidemark release2 = new Tidemark(instance(database, 2, "host-2").build());
            release2.expand();
            FleetRegistration release2Registration = release2.register();
            Tidemark release3 = new Tidemark(instance(database, 3, "host-3").build());
            try (FleetRegistration registration = release3.register(); Reconciler reconciler = release3.startReconciler()) {
                release3.expand();
                await("release 2's backfill ran").atMost(BOUND)
                    .until(() -> CustomerRename.appliedInOrder(database).contains("3"));
                assertThat(deferralReason(release3)).startsWith("waiting until every instance runs >= 3.0.0; still live "
                        + "below it: host-2 (2.0.0, heartbeat");
                release2Registration.close();
                await("release 3's CONTRACT ran").atMost(BOUND)
                    .until(() -> CustomerRename.appliedInOrder(database).contains("4"));
                assertThat(reconciler.lastFailure()).isEmpty();
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the registration lives for the block; its variable is unused
    void aCrashedOlderInstanceCountsAsGoneOnceItsHeartbeatIsStaleAndItsRowAsEvidence() {
        try (TestDatabase database = PostgresServer.get().createDatabase("evidence")) {
            Tidemark release2 = new Tidemark(instance(database, 2, "host-2").build());
            release2.expand();
            ((HeartbeatRegistration) release2.register()).abandon();
            Tidemark release3 = new Tidemark(instance(database, 3, "host-3").build());
            try (FleetRegistration registration = release3.register()) {
                release3.expand();
                assertThat(release3.reconcile().deferred()).extracting(MigrationInfo::script).containsExactly(DROP_NAME);
                await("release 2's heartbeat is stale").atMost(BOUND).until(() -> release3.fleet().size() == 1);
                assertThat(release3.plan().toApply()).extracting((planned) -> planned.migration().script())
                    .containsExactly(DROP_NAME);
                assertThat(release3.reconcile().applied()).extracting(MigrationInfo::script).containsExactly(DROP_NAME);
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the registration lives for the block; its variable is unused
    void aRegistryThatNeverSawAnotherInstanceKeepsTheConservativeRuleAndSaysHowToDeclareASingleInstance() {
        try (TestDatabase database = PostgresServer.get().createDatabase("evidence")) {
            Tidemark release3 = new Tidemark(instance(database, 3, "host-3").build());
            try (FleetRegistration registration = release3.register()) {
                release3.expand();
                assertThat(release3.reconcile().applied()).extracting(MigrationInfo::script)
                    .containsExactly("2.0.0/V3__migrate__backfill_full_name.sql");
                assertThat(deferralReason(release3)).isEqualTo("waiting for code newer than 3.0.0: no other instance has "
                        + "registered in the fleet registry within the last 7 d (none live, none deregistered, none gone "
                        + "stale), so instances running older code that do not register cannot be ruled out (this instance "
                        + "runs 3.0.0); if this deployment only ever runs one instance, expect a single instance "
                        + "(tidemark.fleet.expected=single)");
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the registration lives for the block; its variable is unused
    void aDeclaredSingleInstanceContractsItsOwnReleaseOnceItHasBeenUpForTheSettleDelay() {
        try (TestDatabase database = PostgresServer.get().createDatabase("evidence")) {
            Tidemark release3 = new Tidemark(instance(database, 3, "host-3").fleetExpected(FleetExpectation.SINGLE)
                .settleDelay(Duration.ofSeconds(2))
                .build());
            try (FleetRegistration registration = release3.register(); Reconciler reconciler = release3.startReconciler()) {
                release3.expand();
                assertThat(deferralReason(release3)).startsWith("waiting until this instance has been up for 2 s (up ");
                await("release 3's CONTRACT ran").atMost(BOUND)
                    .until(() -> CustomerRename.appliedInOrder(database).contains("4"));
            }
            // Not before the settle delay: both times by the database clock.
            assertThat(Sql.column(database, "SELECT (SELECT installed_on FROM tidemark_history WHERE version = '4') "
                    + "- (SELECT min(started_at) FROM tidemark_instances) >= interval '2 seconds'")).containsExactly("t");
        }
    }

    private static String deferralReason(Tidemark tidemark) {
        return tidemark.info().stream()
            .filter((info) -> info.script().equals(DROP_NAME))
            .map(MigrationInfo::deferralReason)
            .findFirst()
            .map(String::valueOf)
            .orElseThrow();
    }

    /** Release 2 dual-writes and backfills {@code full_name}; release 3 drops {@code name}. */
    private TidemarkConfiguration.Builder instance(TestDatabase database, int release, String host) {
        Path folder = (release == 2) ? this.release2Files : this.release3Files;
        MigrationFiles files = new MigrationFiles(folder);
        files.write("1.0.0/V1__expand__create_customers.sql", "CREATE TABLE customers (id bigserial PRIMARY KEY, name text);");
        files.write("2.0.0/V2__expand__add_full_name.sql", "ALTER TABLE customers ADD COLUMN full_name text;");
        files.write("2.0.0/V3__migrate__backfill_full_name.sql", "-- tidemark:allow unbatched-dml a test table of a few rows\n"
                    + "UPDATE customers SET full_name = name WHERE full_name IS NULL;");
        if (release == 3) {
            files.write(DROP_NAME, "ALTER TABLE customers DROP COLUMN name;");
        }
        return CustomerRename.instance(database, files.location(), release + ".0.0", host);
    }

}
