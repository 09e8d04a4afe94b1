package dev.tidemark.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.PostgresServer;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Contract mode MANUAL: deferred work is applied only on request. */
@WithPostgres
class ManualModeTests {

    @TempDir
    Path v1Files;

    @TempDir
    Path v2Files;

    @Test
    @SuppressWarnings("try") // registrations live for the block; their variables are unused
    void theReconcilerAppliesNothingUntilAnExplicitRequest() {
        try (TestDatabase database = PostgresServer.get().createDatabase("manual")) {
            Tidemark first = manual(database, "new-a");
            Tidemark second = manual(database, "new-b");
            first.expand();
            try (FleetRegistration a = first.register(); FleetRegistration b = second.register();
                    Reconciler reconciler = first.startReconciler()) {
                for (int tick = 0; tick < 3; tick++) {
                    Instant before = reconciler.lastRun().orElse(Instant.EPOCH);
                    await("the reconciler ran").atMost(Duration.ofSeconds(20)).until(() -> reconciler.lastRun().map((run) -> run.isAfter(before)).orElse(false));
                }
                assertThat(reconciler.lastFailure()).isEmpty();
                assertThat(CustomerRename.appliedInOrder(database)).containsExactly("1", "2");
                assertThat(first.info()).filteredOn((info) -> info.script().equals(CustomerRename.BACKFILL))
                    .extracting(MigrationInfo::deferralReason).singleElement().asString()
                    .contains("contract mode is manual, so it waits for an explicit request");
                assertThat(first.applyDeferred(null).appliedCount()).isEqualTo(2);
                assertThat(Sql.column(database, "SELECT count(*) FROM tidemark_history WHERE note IS NOT NULL"))
                    .containsExactly("0");
            }
        }
    }

    @Test
    @SuppressWarnings("try") // registrations live for the block; their variables are unused
    void applyingWithoutAReasonRespectsTheGateAndWithAReasonRecordsIt() {
        try (TestDatabase database = PostgresServer.get().createDatabase("forced")) {
            Tidemark v1 = new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v1Files, 1), "1.0.0",
                    "old-host").contractMode(ContractMode.MANUAL).build());
            v1.expand();
            Tidemark v2 = manual(database, "new-host");
            v2.expand();
            try (FleetRegistration old = v1.register()) {
                assertThat(v2.applyDeferred(null).applied()).isEmpty();
                assertThatIllegalArgumentException().isThrownBy(() -> v2.applyDeferred("  "));
                MigrateResult forced = v2.applyDeferred("old-host is drained and no longer serves traffic");
                assertThat(forced.applied()).extracting(MigrationInfo::script)
                    .containsExactly(CustomerRename.BACKFILL, CustomerRename.DROP_NAME);
            }
            assertThat(Sql.column(database, "SELECT version || ': ' || coalesce(note, '-') FROM tidemark_history "
                    + "ORDER BY installed_rank")).containsExactly("1: -", "2: -",
                            "3: forced past the fleet gate: old-host is drained and no longer serves traffic",
                            "4: forced past the fleet gate: old-host is drained and no longer serves traffic");
        }
    }

    @Test
    void aForcedNonTransactionalMigrationRecordsItsReasonToo(@TempDir Path files) {
        try (TestDatabase database = PostgresServer.get().createDatabase("forced_autocommit")) {
            MigrationFiles migrations = new MigrationFiles(files);
            migrations.write("2.0.0/V1__expand__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);");
            // VACUUM cannot run in a transaction block, so this migration commits outside one.
            migrations.write("2.0.0/V2__migrate__vacuum_customers.sql", "VACUUM ANALYZE customers;");
            Tidemark lone = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("2.0.0")
                .locations(migrations.location()).build());
            lone.expand();
            assertThat(lone.applyDeferred("maintenance window").applied()).extracting(MigrationInfo::script)
                .containsExactly("2.0.0/V2__migrate__vacuum_customers.sql");
            assertThat(Sql.column(database, "SELECT coalesce(note, '-') FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly("-", "forced past the fleet gate: maintenance window");
        }
    }

    private Tidemark manual(TestDatabase database, String host) {
        return new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.v2Files, 2), "2.0.0", host)
            .contractMode(ContractMode.MANUAL).build());
    }

}
