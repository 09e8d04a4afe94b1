package dev.tidemark.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.PostgresServer;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The gating of MIGRATE and CONTRACT, the version-skew guard and concurrent reconciliation, on PostgreSQL. */
@WithPostgres
class PhaseGatingTests {

    @TempDir
    Path v1Files;

    @TempDir
    Path v2Files;

    @TempDir
    Path v3Files;

    @Test
    @SuppressWarnings("try") // registrations live for the block; their variables are unused
    void migrateOfRelease2WaitsForTheFleetExactlyLikeContract() {
        try (TestDatabase database = PostgresServer.get().createDatabase("gating")) {
            Tidemark v1 = new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v1Files, 1), "1.0.0",
                    "old-host").build());
            v1.expand();
            Tidemark v2 = new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v2Files, 2), "2.0.0",
                    "new-host").build());
            try (FleetRegistration old = v1.register(); FleetRegistration self = v2.register()) {
                MigrateResult whileOldLive = v2.reconcile();
                assertThat(whileOldLive.applied()).extracting(MigrationInfo::script).containsExactly(CustomerRename.ADD_FULL_NAME);
                assertThat(whileOldLive.deferred()).extracting(MigrationInfo::deferralReason).containsExactly(
                        "waiting until every instance runs >= 2.0.0; still live below it: old-host (1.0.0, heartbeat 0 s ago)",
                        "waits for V3 migrate \"backfill full name\", which comes first");
                old.close();
                // The old instance deregistered cleanly: the fleet registers, and no older instance is live any more.
                assertThat(v2.reconcile().applied()).extracting(MigrationInfo::script)
                    .containsExactly(CustomerRename.BACKFILL, CustomerRename.DROP_NAME);
            }
        }
    }

    @Test
    @SuppressWarnings("try") // registrations live for the block; their variables are unused
    void aDeferredContractOfRelease2DoesNotStopTheExpandOfRelease3AndTheOrderIsRecorded() {
        try (TestDatabase database = PostgresServer.get().createDatabase("gating")) {
            Tidemark v1 = new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v1Files, 1), "1.0.0",
                    "old-host").build());
            v1.expand();
            Tidemark v3 = new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v3Files, 3), "3.0.0",
                    "new-host").build());
            try (FleetRegistration old = v1.register()) {
                MigrateResult startup = v3.expand();
                assertThat(startup.applied()).extracting(MigrationInfo::script)
                    .containsExactly(CustomerRename.ADD_FULL_NAME, CustomerRename.ADD_EMAIL);
                assertThat(v3.info()).extracting(MigrationInfo::script, MigrationInfo::state).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CustomerRename.CREATE, MigrationState.APPLIED),
                        org.assertj.core.groups.Tuple.tuple(CustomerRename.ADD_FULL_NAME, MigrationState.APPLIED),
                        org.assertj.core.groups.Tuple.tuple(CustomerRename.BACKFILL, MigrationState.DEFERRED),
                        org.assertj.core.groups.Tuple.tuple(CustomerRename.DROP_NAME, MigrationState.DEFERRED),
                        org.assertj.core.groups.Tuple.tuple(CustomerRename.ADD_EMAIL, MigrationState.APPLIED));
                assertThat(v3.reconcile().applied()).isEmpty();
            }
            assertThat(v3.reconcile().appliedCount()).isEqualTo(2);
            assertThat(CustomerRename.appliedInOrder(database)).containsExactly("1", "2", "5", "3", "4");
        }
    }

    @Test
    void anOldInstanceRefusesToStartOnceANewerContractWasAppliedAndChangesNothing() {
        try (TestDatabase database = PostgresServer.get().createDatabase("skew")) {
            Tidemark v2 = new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v2Files, 2), "2.1.0",
                    "new-host").build());
            assertThat(v2.migrate().appliedCount()).isEqualTo(4);
            List<String> history = Sql.column(database, "SELECT installed_rank || version FROM tidemark_history");
            Tidemark v1 = new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v1Files, 1), "1.0.0",
                    "old-host").build());
            assertThatExceptionOfType(VersionSkewException.class).isThrownBy(v1::expand)
                .satisfies((ex) -> assertThat(ex.contracted().script()).isEqualTo(CustomerRename.DROP_NAME))
                .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.VERSION_SKEW))
                .withMessageContaining("code version 1.0.0")
                .withMessageContaining("V4 contract \"drop name\" (2.0.0/V4__contract__drop_name.sql) of release 2.0.0")
                .withMessageContaining("Deploy release 2.0.0 or newer");
            assertThatExceptionOfType(VersionSkewException.class).isThrownBy(v1::migrate);
            assertThat(Sql.column(database, "SELECT installed_rank || version FROM tidemark_history")).isEqualTo(history);
            assertThat(v2.fleet()).isEmpty();
        }
    }

    @Test
    void anOldInstanceStillRestartsWhileTheNewerReleaseIsOnlyExpanded() {
        try (TestDatabase database = PostgresServer.get().createDatabase("restart")) {
            Tidemark v1 = new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v1Files, 1), "1.0.0",
                    "old-host").build());
            v1.expand();
            new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v2Files, 2), "2.0.0", "new-host")
                .build()).expand();
            assertThat(v1.expand().applied()).isEmpty();
            v1.validate();
            assertThat(v1.info()).extracting(MigrationInfo::version).extracting(Version::toString).containsExactly("1", "2");
        }
    }

    @Test
    void concurrentReconciliationsApplyEachMigrationExactlyOnce(@TempDir Path slowFiles) throws Exception {
        MigrationFiles files = new MigrationFiles(slowFiles);
        files.write("1.0.0/V1__expand__create.sql", "CREATE TABLE t (id int, old text);");
        files.write("2.0.0/V2__expand__add.sql", "ALTER TABLE t ADD COLUMN new text;");
        files.write("2.0.0/V3__migrate__copy.sql",
                "SELECT pg_sleep(0.3);\n-- tidemark:allow unbatched-dml a test table of a few rows\nUPDATE t SET new = old;");
        files.write("2.0.0/V4__contract__drop.sql", "ALTER TABLE t DROP COLUMN old;");
        int instances = 4;
        try (TestDatabase database = PostgresServer.get().createDatabase("concurrent")) {
            List<Tidemark> fleet = new ArrayList<>();
            List<FleetRegistration> registrations = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(instances);
            try {
                for (int i = 0; i < instances; i++) {
                    Tidemark instance = new Tidemark(CustomerRename.instance(database, files.location(), "2.0.0", "host-" + i)
                        .build());
                    fleet.add(instance);
                    registrations.add(instance.register());
                }
                CyclicBarrier start = new CyclicBarrier(instances);
                List<Future<MigrateResult>> results = new ArrayList<>();
                for (Tidemark instance : fleet) {
                    results.add(threads.submit(() -> {
                        start.await();
                        return instance.reconcile();
                    }));
                }
                int applied = 0;
                for (Future<MigrateResult> result : results) {
                    applied += result.get().appliedCount();
                }
                assertThat(applied).isEqualTo(4);
                assertThat(Sql.column(database, "SELECT version || ':' || count(*) FROM tidemark_history "
                        + "GROUP BY version ORDER BY version")).containsExactly("1:1", "2:1", "3:1", "4:1");
            }
            finally {
                threads.shutdownNow();
                registrations.forEach(FleetRegistration::close);
            }
        }
    }

}
