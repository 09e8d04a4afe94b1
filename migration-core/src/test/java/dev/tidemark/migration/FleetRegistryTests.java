package dev.tidemark.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.PostgresServer;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fleet registry table: registration, heartbeats, deregistration, and rows kept as evidence. */
@WithPostgres
class FleetRegistryTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path files;

    @Test
    void withoutARegistryTableTheFleetIsEmptyAndInfoStillWorks() {
        try (TestDatabase database = PostgresServer.get().createDatabase("registry")) {
            Tidemark tidemark = tidemark(database, "host-a");
            assertThat(tidemark.fleet()).isEmpty();
            assertThat(tidemark.info()).extracting(MigrationInfo::state).containsOnly(MigrationState.PENDING);
        }
    }

    @Test
    void aRegisteredInstanceHeartbeatsAndLeavesTheLiveFleetWhenClosedKeepingItsRowAsEvidence() {
        try (TestDatabase database = PostgresServer.get().createDatabase("registry")) {
            Tidemark tidemark = tidemark(database, "host-a");
            FleetRegistration registration = tidemark.register();
            assertThat(tidemark.fleet()).singleElement().satisfies((instance) -> {
                assertThat(instance.id()).isEqualTo(registration.instanceId());
                assertThat(instance.host()).isEqualTo("host-a");
                assertThat(instance.codeVersion()).isEqualTo(Version.parse("1.0.0"));
                assertThat(instance.heartbeatAge()).isLessThan(Duration.ofSeconds(5));
            });
            String first = heartbeat(database);
            await("the heartbeat moved").atMost(BOUND).until(() -> !heartbeat(database).equals(first));
            registration.close();
            registration.close();
            assertThat(tidemark.fleet()).isEmpty();
            assertThat(Sql.column(database, "SELECT count(*) FROM tidemark_instances WHERE deregistered_at IS NOT NULL"))
                .containsExactly("1");
        }
    }

    @Test
    @SuppressWarnings("try") // the registration lives for the block; its variable is unused
    void registeringRemovesRowsOfInstancesThatLeftLongerAgoThanTheRetention() {
        try (TestDatabase database = PostgresServer.get().createDatabase("registry")) {
            Tidemark tidemark = tidemark(database, "host-a");
            tidemark.register().close();
            Sql.execute(database, "INSERT INTO tidemark_instances (id, code_version, host, started_at, last_heartbeat, "
                    + "deregistered_at) VALUES "
                    + "('crashed', '0.9.0', 'host-z', now() - interval '9 days', now() - interval '8 days', null), "
                    + "('left', '0.9.0', 'host-x', now() - interval '9 days', now() - interval '8 days', now() - interval '8 days'), "
                    + "('stale-but-recent', '0.9.0', 'host-y', now() - interval '1 hour', now() - interval '10 minutes', null), "
                    + "('left-recently', '0.9.0', 'host-w', now() - interval '3 days', now() - interval '2 days', now() - interval '2 days')");
            try (FleetRegistration registration = tidemark.register()) {
                assertThat(Sql.column(database, "SELECT id FROM tidemark_instances WHERE host <> 'host-a' ORDER BY id"))
                    .containsExactly("left-recently", "stale-but-recent");
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the registration lives for the block; its variable is unused
    void aRegistryFromBeforeDepartedRowsWereKeptIsReadAndUpgraded() {
        try (TestDatabase database = PostgresServer.get().createDatabase("registry")) {
            Sql.execute(database, "CREATE TABLE tidemark_instances (id text PRIMARY KEY, code_version text NOT NULL, "
                    + "host text NOT NULL, started_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "last_heartbeat timestamptz NOT NULL DEFAULT clock_timestamp())");
            Sql.execute(database, "INSERT INTO tidemark_instances (id, code_version, host) VALUES ('old', '0.9.0', 'host-z')");
            Tidemark tidemark = tidemark(database, "host-a");
            assertThat(tidemark.fleet()).extracting(FleetInstance::id).containsExactly("old");
            try (FleetRegistration registration = tidemark.register()) {
                assertThat(tidemark.fleet()).hasSize(2);
            }
            assertThat(Sql.column(database, "SELECT id FROM tidemark_instances WHERE deregistered_at IS NOT NULL"))
                .hasSize(1);
        }
    }

    @Test
    void aDeletedRowOrTableIsRegisteredAgainByTheNextHeartbeat() {
        try (TestDatabase database = PostgresServer.get().createDatabase("registry")) {
            Tidemark tidemark = tidemark(database, "host-a");
            try (FleetRegistration registration = tidemark.register()) {
                Sql.execute(database, "DELETE FROM tidemark_instances");
                await("the row is back").atMost(BOUND).until(() -> tidemark.fleet().size() == 1);
                Sql.execute(database, "DROP TABLE tidemark_instances");
                await("the table and row are back").atMost(BOUND).until(() -> tidemark.fleet().size() == 1);
                assertThat(tidemark.fleet().get(0).id()).isEqualTo(registration.instanceId());
            }
        }
    }

    @Test
    void instancesRegisteringTogetherOnAFreshDatabaseAllGetIn() throws Exception {
        try (TestDatabase database = PostgresServer.get().createDatabase("registry")) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<FleetRegistration>> registrations = new ArrayList<>();
            List<FleetRegistration> registered = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Tidemark tidemark = tidemark(database, "host-" + i);
                    registrations.add(threads.submit(tidemark::register));
                }
                for (Future<FleetRegistration> registration : registrations) {
                    registered.add(registration.get());
                }
                assertThat(tidemark(database, "observer").fleet()).hasSize(4);
            }
            finally {
                registered.forEach(FleetRegistration::close);
                threads.shutdownNow();
            }
        }
    }

    private static String heartbeat(TestDatabase database) {
        return Sql.column(database, "SELECT last_heartbeat::text FROM tidemark_instances").get(0);
    }

    private Tidemark tidemark(TestDatabase database, String host) {
        return new Tidemark(CustomerRename.instance(database, CustomerRename.location(this.files, 1), "1.0.0", host).build());
    }

}
