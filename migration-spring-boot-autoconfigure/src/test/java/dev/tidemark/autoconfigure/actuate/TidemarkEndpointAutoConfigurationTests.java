package dev.tidemark.autoconfigure.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkMigrationStrategy;

import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

// The instance registers in the fleet before its (no-op) startup step, so a real database is needed.
@WithPostgres
class TidemarkEndpointAutoConfigurationTests {

    private final TestDatabase database;

    // A web context: the web endpoint discoverer, which applies the access rules, exists only there.
    private final WebApplicationContextRunner runner;

    TidemarkEndpointAutoConfigurationTests(TestDatabase database) {
        this.database = database;
        this.runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkEndpointAutoConfiguration.class,
                    EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
            .withBean(javax.sql.DataSource.class, () -> new DelegatingDataSource(this.database))
            .withBean(TidemarkMigrationStrategy.class, () -> (tidemark) -> { })
            .withPropertyValues("tidemark.code-version=1.0.0");
    }

    @Test
    void endpointIsAbsentWhenNotExposed() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TidemarkEndpoint.class));
    }

    @Test
    void endpointIsPresentWhenExposed() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=tidemark")
            .run((context) -> assertThat(context).hasSingleBean(TidemarkEndpoint.class));
    }

    @Test
    void endpointIsAbsentWhenItsAccessIsNone() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=tidemark",
                "management.endpoint.tidemark.access=NONE")
            .run((context) -> assertThat(context).doesNotHaveBean(TidemarkEndpoint.class));
    }

    @Test
    void endpointIsAbsentWithoutActuatorOnTheClasspath() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkEndpointAutoConfiguration.class))
            .withBean(javax.sql.DataSource.class, () -> new DelegatingDataSource(this.database))
            .withBean(TidemarkMigrationStrategy.class, () -> (tidemark) -> { })
            .withPropertyValues("tidemark.code-version=1.0.0", "management.endpoints.web.exposure.include=tidemark")
            .withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TidemarkEndpoint.class));
    }

    @Test
    void endpointIsReadOnlyByDefaultSoTheWriteOperationIsNotReachable() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=tidemark")
            .run((context) -> assertThat(operations(context.getBean(WebEndpointsSupplier.class)))
                .containsExactly(OperationType.READ));
    }

    @Test
    void writeOperationIsReachableOnceTheUserRaisesTheAccess() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=tidemark",
                "management.endpoint.tidemark.access=UNRESTRICTED")
            .run((context) -> assertThat(operations(context.getBean(WebEndpointsSupplier.class)))
                .containsExactlyInAnyOrder(OperationType.READ, OperationType.WRITE));
    }

    @Test
    void aForcedRequestWithoutAReasonAnswers400WithAMessageOverHttp() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=tidemark",
                "management.endpoint.tidemark.access=UNRESTRICTED")
            .run((context) -> {
                WebOperation write = operation(context.getBean(WebEndpointsSupplier.class), OperationType.WRITE);
                Object response = write.invoke(new InvocationContext(SecurityContext.NONE, Map.of("force", true)));
                assertThat(response).isInstanceOfSatisfying(WebEndpointResponse.class, (web) -> {
                    assertThat(web.getStatus()).isEqualTo(400);
                    assertThat(web.getBody()).asString().contains("force=true requires a reason");
                });
            });
    }

    @Test
    void theResponseListsJustAppliedMigrationsInTheirAppliedState(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("1.0.0"));
        Files.writeString(dir.resolve("1.0.0/V1__expand__create_orders.sql"), "CREATE TABLE endpoint_orders (id bigint);");
        Files.writeString(dir.resolve("1.0.0/V2__migrate__seed_orders.sql"), "INSERT INTO endpoint_orders VALUES (1);");
        new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkEndpointAutoConfiguration.class,
                    EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
            .withBean(javax.sql.DataSource.class, () -> new DelegatingDataSource(this.database))
            .withPropertyValues("tidemark.code-version=1.0.0", "tidemark.locations=filesystem:" + dir,
                    "tidemark.history-table=endpoint_history", "management.endpoints.web.exposure.include=tidemark",
                    "management.endpoint.tidemark.access=UNRESTRICTED")
            .run((context) -> {
                // Alone in the registry, this instance cannot rule out older code: V2 waits until forced.
                Map<?, ?> body = (Map<?, ?>) context.getBean(TidemarkEndpointWebExtension.class)
                    .applyDeferred(true, "test: no other instance runs")
                    .getBody();
                TidemarkEndpoint.ApplyDeferredDescriptor result = (TidemarkEndpoint.ApplyDeferredDescriptor) body.get("tidemark");
                assertThat(result.applied()).singleElement().satisfies((applied) -> {
                    assertThat(applied.version()).isEqualTo("2");
                    assertThat(applied.state()).isEqualTo("APPLIED");
                    assertThat(applied.installedOn()).isNotNull();
                    assertThat(applied.installedRank()).isEqualTo(2);
                    assertThat(applied.executionTime()).isNotNull();
                });
            });
    }

    private static WebOperation operation(WebEndpointsSupplier endpoints, OperationType type) {
        return endpoints.getEndpoints().stream()
            .filter((candidate) -> candidate.getEndpointId().equals(EndpointId.of("tidemark")))
            .flatMap((endpoint) -> endpoint.getOperations().stream())
            .filter((operation) -> operation.getType() == type)
            .findFirst()
            .orElseThrow();
    }

    private static Set<OperationType> operations(WebEndpointsSupplier endpoints) {
        ExposableWebEndpoint endpoint = endpoints.getEndpoints().stream()
            .filter((candidate) -> candidate.getEndpointId().equals(EndpointId.of("tidemark")))
            .findFirst()
            .orElseThrow();
        return endpoint.getOperations().stream().map(WebOperation::getType).collect(Collectors.toSet());
    }

}
