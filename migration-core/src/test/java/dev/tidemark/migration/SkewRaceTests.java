package dev.tidemark.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The window between a CONTRACT's fleet check and its first statement: an instance of older code that
 * starts in it either registered before the CONTRACT's last check (the CONTRACT waits) or finds the
 * CONTRACT begun when it checks after registering (it refuses to start). It never serves on a schema the
 * CONTRACT is taking away from it.
 */
@WithPostgres
class SkewRaceTests {

    private final TestDatabase database;

    private MigrationFiles files;

    SkewRaceTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void applyTheFirstRelease(@TempDir Path dir) {
        this.database.resetSchema();
        this.files = new MigrationFiles(dir);
        this.files.write("1.0.0/V1__expand__customers.sql", "CREATE TABLE customers (id int PRIMARY KEY, name text);");
        tidemark("1.0.0", null).migrate();
        this.files.write("2.0.0/V2__contract__drop_name.sql", "ALTER TABLE customers DROP COLUMN name;\nSELECT pg_sleep(3);");
    }

    @Test
    void anOlderInstanceStartingWhileAContractRunsIsRefused() throws Exception {
        CompletableFuture<MigrateResult> contract = CompletableFuture.supplyAsync(() -> tidemark("3.0.0", null).reconcile());
        await("the contract runs").atMost(Duration.ofSeconds(30)).until(() -> Sql.count(this.database, "SELECT count(*) "
                + "FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(3)%'") == 1);

        Tidemark old = tidemark("1.0.0", null);
        try (FleetRegistration registration = old.register()) {
            assertThatExceptionOfType(VersionSkewException.class).isThrownBy(old::expand)
                .withMessageContaining("This instance runs code version 1.0.0, but V2 contract \"drop name\"")
                .withMessageContaining("is being applied right now");
        }
        assertThat(contract.get(30, TimeUnit.SECONDS).applied()).extracting(MigrationInfo::state)
            .containsExactly(MigrationState.APPLIED);
        assertThatExceptionOfType(VersionSkewException.class).isThrownBy(tidemark("1.0.0", null)::expand)
            .withMessageContaining("was already applied");
    }

    @Test
    void anOlderInstanceThatRegistersAfterThePlanButBeforeTheContractStartsHoldsItBack() {
        Tidemark old = tidemark("1.0.0", null);
        FleetRegistration[] registration = new FleetRegistration[1];
        MigrationListener registerOldInTheWindow = new MigrationListener() {
            @Override
            public void migrationStarted(MigrationInfo migration) {
                registration[0] = old.register();
            }
        };
        try {
            MigrateResult result = tidemark("3.0.0", registerOldInTheWindow).reconcile();
            assertThat(result.applied()).isEmpty();
            assertThat(result.deferred()).singleElement().satisfies((info) -> {
                assertThat(info.version()).isEqualTo(Version.parse("2"));
                assertThat(info.deferralReason()).startsWith("waiting until every instance runs >= 2.0.0; still live "
                        + "below it:");
            });
            assertThat(Sql.count(this.database, "SELECT count(*) FROM information_schema.columns "
                    + "WHERE table_name = 'customers' AND column_name = 'name'")).isEqualTo(1);
            assertThat(Sql.column(this.database, "SELECT version FROM tidemark_history")).containsExactly("1");
            assertThat(old.expand().appliedCount()).isZero();
        }
        finally {
            if (registration[0] != null) {
                registration[0].close();
            }
        }
    }

    private Tidemark tidemark(String codeVersion, MigrationListener listener) {
        TidemarkConfiguration.Builder builder = TidemarkConfiguration.builder().dataSource(this.database)
            .codeVersion(codeVersion).locations(this.files.location()).lockPollInterval(Duration.ofMillis(100));
        if (listener != null) {
            builder.listener(listener);
        }
        return new Tidemark(builder.build());
    }

}
