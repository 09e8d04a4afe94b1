package dev.tidemark.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tidemark.migration.VersionSkewException;
import dev.tidemark.testsupport.PostgresServer;
import dev.tidemark.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The README's rolling deployment, automated, one instance per release: release 2 serves traffic while a
 * release-3 instance starts beside it; release 3's CONTRACT waits, with its reason on the endpoint, until
 * release 2 stops, and then applies by itself: release 2's clean deregistration stays in the registry as
 * evidence that the fleet registers, so the lone release-3 instance knows no older code runs.
 */
class RollingDeploymentTests {

    private static final TestDatabase database = PostgresServer.get().createDatabase("rolling");

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void release3ContractsOnlyAfterRelease2IsGoneWhileRelease2ServesWithoutErrors() throws Exception {
        ConfigurableApplicationContext release2 = start("2");
        Http v2 = new Http(port(release2));
        assertThat(states(v2)).startsWith("APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED");

        Traffic traffic = new Traffic(v2);
        traffic.start();
        ConfigurableApplicationContext release3 = start("3");
        try {
            // With a newer instance registered beside it, release 2's MIGRATE steps (backfill, validate) run.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(states(v2)).startsWith(
                    "APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED"));
            Http v3 = new Http(port(release3));
            String contract = "$.contexts.*.tidemarkBeans.tidemark.migrations[?(@.version == '8')]";
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    v3.json("/actuator/tidemark").<List<String>>read(contract + ".state")).containsExactly("DEFERRED"));
            String reason = v3.json("/actuator/tidemark").<List<String>>read(contract + ".deferralReason").get(0);
            assertThat(reason).contains("2.0.0");
            assertThat(v3.json("/actuator/tidemark").<List<String>>read("$.contexts.*.tidemarkBeans.tidemark.fleet[*].codeVersion"))
                .containsExactlyInAnyOrder("2.0.0", "3.0.0");
            // Several reconcile intervals pass while release 2 lives, and the CONTRACT still waits.
            Thread.sleep(2000);
            assertThat(v3.json("/actuator/tidemark").<List<String>>read(contract + ".state")).containsExactly("DEFERRED");
            assertThat(v3.post("/customers", "{\"fullName\":\"Grace Hopper\"}").statusCode()).isEqualTo(201);

            traffic.stop();
            assertThat(traffic.errors).isEmpty();
            assertThat(traffic.requests.get()).isGreaterThan(10);
            release2.close();

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    v3.json("/actuator/tidemark").<List<String>>read(contract + ".state")).containsExactly("APPLIED"));
            JdbcClient jdbc = release3.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' "
                    + "AND column_name = 'name'").query(Long.class).single()).isZero();
            assertThat(v3.get("/customers").body()).contains("Grace Hopper");
            // Once the schema moved past release 2, release 2 refuses to start.
            assertThatException().isThrownBy(() -> start("2")).havingRootCause().isInstanceOf(VersionSkewException.class);
        }
        finally {
            traffic.stop();
            release2.close();
            release3.close();
        }
    }

    private static List<String> states(Http http) {
        return http.json("/actuator/tidemark").read("$.contexts.*.tidemarkBeans.tidemark.migrations[*].state");
    }

    private static ConfigurableApplicationContext start(String release) {
        return new SpringApplicationBuilder(SampleApplication.class).run("--sample.release=" + release,
                "--server.port=0", "--spring.datasource.url=" + database.jdbcUrl() + "?currentSchema=tidemark_sample",
                "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password(),
                "--tidemark.reconcile-interval=500ms", "--tidemark.heartbeat-interval=200ms",
                "--tidemark.instance-stale-timeout=2s", "--spring.main.banner-mode=off");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Calls release 2's API in a loop, as its users would during the rollout. */
    private static final class Traffic {

        final List<String> errors = new CopyOnWriteArrayList<>();

        final AtomicInteger requests = new AtomicInteger();

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final Thread thread;

        Traffic(Http http) {
            this.thread = new Thread(() -> {
                int i = 0;
                while (this.running.get() && i < 100_000) {
                    i++;
                    check(http.post("/customers", "{\"fullName\":\"Customer " + i + "\"}"), 201);
                    check(http.get("/customers"), 200);
                }
            }, "release-2-traffic");
        }

        void start() {
            this.thread.start();
        }

        void stop() throws InterruptedException {
            this.running.set(false);
            this.thread.join(10_000);
        }

        private void check(HttpResponse<String> response, int expected) {
            this.requests.incrementAndGet();
            if (response.statusCode() != expected) {
                this.errors.add(response.statusCode() + " " + response.body());
            }
        }

    }

}
