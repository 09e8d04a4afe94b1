package dev.tidemark.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tidemark.testsupport.PostgresServer;
import dev.tidemark.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sample, started like a user starts it, read over HTTP. Needs the phases work (expand, fleet, plan) and, for the
 * meters, the lock-safety work. */
@ExtendWith(SampleApplicationTests.DropDatabaseAfterTheApplication.class)
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "tidemark.reconcile-interval=500ms", "tidemark.heartbeat-interval=200ms",
                "tidemark.instance-stale-timeout=2s" })
class SampleApplicationTests {

    private static final TestDatabase database = PostgresServer.get().createDatabase("sample");

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database.jdbcUrl() + "?currentSchema=tidemark_sample");
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
    }

    /**
     * Drops the database after Spring closed the application ({@link DirtiesContext}): registered before the
     * Spring extension, its callback runs after Spring's. Dropped under a running application, the pool would
     * keep trying to reconnect to the missing database for its whole connection timeout when the JVM exits.
     */
    static final class DropDatabaseAfterTheApplication implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            database.close();
        }

    }

    @Test
    void servesItsApiAndReportsMigrationsHealthAndMetrics() {
        Http http = new Http(this.port);
        HttpResponse<String> created = http.post("/customers", "{\"fullName\":\"Ada Lovelace\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"fullName\":\"Ada Lovelace\"");
        long id = ((Number) com.jayway.jsonpath.JsonPath.read(created.body(), "$.id")).longValue();
        assertThat(http.post("/customers/" + id + "/orders", "{\"amountCents\":1250}").statusCode()).isEqualTo(201);
        assertThat(http.get("/customers/" + id + "/orders").body()).contains("\"amountCents\":1250");

        // Alone in its fleet, release 3 applies EXPAND at startup and release 2's MIGRATE steps in the background
        // (its code is newer than 2.0.0). Its own CONTRACT waits: with no other instance registered, instances
        // running older code cannot be ruled out.
        String beans = "$.contexts.*.tidemarkBeans.tidemark";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                http.json("/actuator/tidemark").<List<String>>read(beans + ".migrations[*].state"))
            .containsExactly("APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "DEFERRED"));
        DocumentContext tidemark = http.json("/actuator/tidemark");
        assertThat(tidemark.<List<String>>read(beans + ".migrations[*].phase"))
            .containsExactly("EXPAND", "EXPAND", "EXPAND", "EXPAND", "EXPAND", "MIGRATE", "MIGRATE", "CONTRACT");
        assertThat(tidemark.<List<String>>read(beans + ".migrations[*].release"))
            .containsExactly("1.0.0", "1.0.0", "2.0.0", "2.0.0", "2.0.0", "2.0.0", "2.0.0", "3.0.0");
        assertThat(tidemark.<List<String>>read(beans + ".fleet[*].codeVersion")).containsExactly("3.0.0");
        assertThat(tidemark.<List<String>>read(beans + ".plan.deferred[*].version")).containsExactly("8");
        assertThat(tidemark.<List<String>>read(beans + ".plan.deferred[*].reason").get(0)).contains("3.0.0");

        DocumentContext readiness = http.json("/actuator/health/readiness");
        assertThat(readiness.<String>read("$.status")).isEqualTo("UP");
        assertThat(readiness.<String>read("$.components.tidemark.status")).isEqualTo("UP");
        assertThat(readiness.<Object>read("$.components.tidemark.details.pending")).isEqualTo(0);
        assertThat(readiness.<Object>read("$.components.tidemark.details.deferred")).isEqualTo(1);

        DocumentContext duration = http.json("/actuator/metrics/tidemark.migration.duration");
        assertThat(duration.<List<String>>read("$.measurements[*].statistic")).contains("COUNT", "TOTAL_TIME");
        assertThat(duration.<List<Number>>read("$.measurements[?(@.statistic == 'COUNT')].value").get(0).doubleValue())
            .isGreaterThanOrEqualTo(5);
    }

    @Test
    void keepsTheApplyDeferredOperationUnreachableUnderDefaultAccess() {
        HttpResponse<String> response = new Http(this.port).post("/actuator/tidemark", "{}");
        assertThat(response.statusCode()).isIn(404, 405);
    }

}
