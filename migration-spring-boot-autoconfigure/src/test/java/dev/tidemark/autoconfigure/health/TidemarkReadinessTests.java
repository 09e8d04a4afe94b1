package dev.tidemark.autoconfigure.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkFleetLifecycle;
import dev.tidemark.testsupport.PostgresServer;
import dev.tidemark.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness means "this code can serve on this schema": background work, its waits and its failures
 * never take an instance out of traffic. Whole Spring applications (the reconciler starts on the ready
 * event), several of them on one database, as pods of one deployment.
 */
@ExtendWith(OutputCaptureExtension.class)
class TidemarkReadinessTests {

    @Test
    void whileOnePodRunsAnEightSecondMigrateAllThreeStayUp(@TempDir Path dir, CapturedOutput output) throws Exception {
        write(dir, "1.0.0/V1__expand__create_t.sql", "CREATE TABLE t (id bigint);");
        write(dir, "1.0.0/V2__migrate__slow_backfill.sql", "SELECT pg_sleep(8);");
        try (TestDatabase database = PostgresServer.get().createDatabase("readiness_slow")) {
            List<ConfigurableApplicationContext> pods = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    pods.add(start(database, dir, "pod-" + i));
                }
                // A pod's reconciler takes the MIGRATE once another pod is registered; record every status meanwhile.
                List<String> notUp = new CopyOnWriteArrayList<>();
                await().atMost(Duration.ofSeconds(20)).until(() -> running(database, "pg_sleep"));
                long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                while (System.nanoTime() < end) {
                    for (ConfigurableApplicationContext pod : pods) {
                        Health health = pod.getBean(TidemarkHealthIndicator.class).health();
                        if (!health.getStatus().equals(Status.UP)) {
                            notUp.add(pod.getId() + ": " + health);
                        }
                    }
                    Thread.sleep(200);
                }
                assertThat(notUp).isEmpty();
                await().atMost(Duration.ofSeconds(20)).until(() -> applied(database, "2"));
                for (ConfigurableApplicationContext pod : pods) {
                    assertThat(pod.getBean(TidemarkFleetLifecycle.class).reconciler().orElseThrow().lastFailure()).isEmpty();
                    assertThat(pod.getBean(TidemarkHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
                }
                // The pods that found the lock busy skipped their passes quietly: no lock wait, no ERROR.
                assertThat(output).doesNotContain("Waiting for the migration lock")
                    .doesNotContain("Gave up waiting for the migration lock")
                    .doesNotContain("Background reconciliation failed");
            }
            finally {
                pods.forEach(ConfigurableApplicationContext::close);
            }
        }
    }

    @Test
    void aFailedBackgroundMigrateLeavesReadinessUpWithTheFailureInTheDetails(@TempDir Path dir, CapturedOutput output)
            throws Exception {
        write(dir, "1.0.0/V1__expand__create_t.sql", "CREATE TABLE t (id bigint);");
        write(dir, "1.0.0/V2__migrate__backfill_missing.sql",
                "-- tidemark:allow unbatched-dml the statement must reach PostgreSQL and fail there\nUPDATE no_such_table SET id = 1;");
        try (TestDatabase database = PostgresServer.get().createDatabase("readiness_failed");
                ConfigurableApplicationContext pod = start(database, dir, "pod-single", "tidemark.fleet.expected=single",
                        "tidemark.fleet.settle-delay=0s")) {
            TidemarkHealthIndicator indicator = pod.getBean(TidemarkHealthIndicator.class);
            await().atMost(Duration.ofSeconds(20))
                .until(() -> indicator.health().getDetails().containsKey("backgroundErrors"));
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().get("backgroundErrors")).asString()
                .contains("last reconciliation failed: V2 migrate \"backfill missing\" failed");
            assertThat(output).contains("ERROR").contains("Background reconciliation failed; the application keeps serving");
        }
    }

    @Test
    @SuppressWarnings("try") // the application runs for the block; its variable is unused
    void theFirstBackgroundPassRunsRightAfterTheApplicationIsReadyNotAnIntervalLater(@TempDir Path dir) throws Exception {
        write(dir, "1.0.0/V1__expand__create_t.sql", "CREATE TABLE t (id bigint);");
        write(dir, "1.0.0/V2__migrate__seed.sql", "INSERT INTO t VALUES (1);");
        try (TestDatabase database = PostgresServer.get().createDatabase("readiness_first_pass");
                ConfigurableApplicationContext pod = start(database, dir, "pod-first", "tidemark.fleet.expected=single",
                        "tidemark.fleet.settle-delay=0s", "tidemark.reconcile-interval=10m")) {
            // With a 10-minute interval, only a pass right after ready applies V2 within the bound.
            await().atMost(Duration.ofSeconds(20)).until(() -> applied(database, "2"));
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase database, Path dir, String host, String... more) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.user());
        properties.put("tidemark.locations", "filesystem:" + dir);
        properties.put("tidemark.code-version", "1.0.0");
        properties.put("tidemark.reconcile-interval", "300ms");
        properties.put("tidemark.heartbeat-interval", "200ms");
        properties.put("tidemark.instance-stale-timeout", "3s");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.application.name", host);
        for (String property : more) {
            String[] keyValue = property.split("=", 2);
            properties.put(keyValue[0], keyValue[1]);
        }
        return new SpringApplicationBuilder(Pod.class).web(WebApplicationType.NONE)
            .run(properties.entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new));
    }

    private static boolean running(TestDatabase database, String text) throws Exception {
        return query(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%"
                + text + "%' AND pid <> pg_backend_pid()") > 0;
    }

    private static boolean applied(TestDatabase database, String version) throws Exception {
        return query(database, "SELECT count(*) FROM tidemark_history WHERE outcome = 'SUCCESS' AND version = '" + version
                + "'") > 0;
    }

    private static long query(TestDatabase database, String sql) throws Exception {
        try (var connection = database.getConnection(); var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void write(Path dir, String name, String sql) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, TidemarkAutoConfiguration.class,
            TidemarkHealthContributorAutoConfiguration.class })
    static class Pod {

    }

}
