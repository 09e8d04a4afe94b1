package dev.tidemark.migration.micrometer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
class TidemarkMetricsTests {

    @Test
    void aRunWithALockRetryShowsInTheMeters(TestDatabase database, @TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("1.0.0"));
        Files.writeString(dir.resolve("1.0.0/V1__expand__carts.sql"), "CREATE TABLE carts (id int PRIMARY KEY);");
        MeterRegistry registry = new SimpleMeterRegistry();
        TidemarkMetrics metrics = new TidemarkMetrics(registry);
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .locations("filesystem:" + dir).lockTimeout(Duration.ofMillis(200)).lockRetryBackoff(Duration.ofMillis(50))
            .listener(metrics).build());
        tidemark.migrate();
        Files.writeString(dir.resolve("1.0.0/V2__expand__add_total.sql"), "ALTER TABLE carts ADD COLUMN total int;");
        try (Connection blocker = database.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("SELECT count(*) FROM carts");
            }
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(700);
                    blocker.commit();
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            assertThat(tidemark.migrate().appliedCount()).isEqualTo(1);
            release.join();
        }
        assertThat(registry.get("tidemark.migration.duration").tag("phase", "expand").tag("outcome", "success").timer()
            .count()).isEqualTo(2);
        assertThat(registry.get("tidemark.migration.active").longTaskTimer().activeTasks()).isZero();
        assertThat(registry.get("tidemark.lock.retries").counter().count()).isGreaterThanOrEqualTo(1);
        // One attempt for V1, more than one for V2, which waited for the blocker.
        assertThat(registry.get("tidemark.migration.attempts").summary().count()).isEqualTo(2);
        assertThat(registry.get("tidemark.migration.attempts").summary().max()).isGreaterThan(1);
        assertThat(registry.get("tidemark.lock.wait").tag("lock", "table").tag("outcome", "timeout").timer().count())
            .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("tidemark.lock.wait").tag("lock", "migration").tag("outcome", "acquired").timer().count())
            .isEqualTo(2);
        assertThat(registry.get("tidemark.lock.blocked.sessions").summary().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("tidemark.runs").tag("trigger", "request").tag("outcome", "success").counter().count())
            .isEqualTo(2);
        assertThat(registry.get("tidemark.migrations.pending").gauge().value()).isZero();
        metrics.migrationsCounted(3, 2, 1);
        assertThat(registry.get("tidemark.migrations.pending").gauge().value()).isEqualTo(3);
        assertThat(registry.get("tidemark.migrations.deferred").gauge().value()).isEqualTo(2);
        assertThat(registry.get("tidemark.migrations.failed").gauge().value()).isEqualTo(1);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank();
            assertThat(meter.getId().getTags()).allSatisfy((tag) -> assertThat(tag.getKey())
                .isIn("phase", "outcome", "lock", "trigger"));
        }
        // Each gauge explains its own state: a registry shows one description per name.
        assertThat(registry.getMeters().stream().filter((meter) -> meter.getId().getName().startsWith("tidemark.migrations."))
            .map((meter) -> meter.getId().getDescription()).distinct()).hasSize(3);
    }

    @Test
    void eventsBeforeTheRegistryIsBoundAreRecordedWhenItIs(TestDatabase database, @TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("1.0.0"));
        Files.writeString(dir.resolve("1.0.0/V1__expand__carts.sql"), "CREATE TABLE early_carts (id int PRIMARY KEY);");
        // Spring Boot binds MeterBinder beans after every singleton exists, long after the startup migrations ran.
        TidemarkMetrics metrics = new TidemarkMetrics();
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .locations("filesystem:" + dir).historyTable("early_history").listener(metrics).build());
        tidemark.expand();
        MeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        assertThat(registry.get("tidemark.migration.duration").tag("phase", "expand").tag("outcome", "success").timer()
            .count()).isEqualTo(1);
        assertThat(registry.get("tidemark.runs").tag("trigger", "startup").tag("outcome", "success").counter().count())
            .isEqualTo(1);
        assertThat(registry.get("tidemark.migrations.pending").gauge().value()).isZero();
        tidemark.expand();
        assertThat(registry.get("tidemark.runs").tag("trigger", "startup").tag("outcome", "success").counter().count())
            .isEqualTo(2);
    }

}
