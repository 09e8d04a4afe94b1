package dev.tidemark.testsupport;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

class PostgresServerTests {

    @Test
    void explicitUrlWinsOverDockerAndTheLocalServer() {
        PostgresServer server = PostgresServer.resolve(Map.of("TIDEMARK_TEST_JDBC_URL",
                "jdbc:postgresql://db.example:6543/admin", "TIDEMARK_TEST_JDBC_USER", "tester")::get,
                () -> true, () -> fail("Docker must not be asked"), () -> true);
        assertThat(server.jdbcUrl("t1")).isEqualTo("jdbc:postgresql://db.example:6543/t1");
        assertThat(server.user()).isEqualTo("tester");
        assertThat(server.password()).isEmpty();
    }

    @Test
    void localServerIsUsedWithoutUrlAndDocker() {
        PostgresServer server = PostgresServer.resolve(Map.<String, String>of()::get, () -> false,
                () -> fail("no Docker"), () -> true);
        assertThat(server.jdbcUrl("t1")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/t1");
        assertThat(server.origin()).contains("127.0.0.1:5432");
    }

    @Test
    void noServerInCiFailsLoudly() {
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> PostgresServer.resolve(Map.of("CI", "true")::get, () -> false, () -> fail("no Docker"),
                    () -> false))
            .withMessageContaining("No PostgreSQL for the tests");
    }

    @Test
    void noServerOutsideCiAbortsTheTests() {
        assertThatExceptionOfType(TestAbortedException.class)
            .isThrownBy(() -> PostgresServer.resolve(Map.<String, String>of()::get, () -> false,
                    () -> fail("no Docker"), () -> false));
    }

    @Test
    void malformedUrlNamesTheExpectedShape() {
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> PostgresServer.resolve(Map.of("TIDEMARK_TEST_JDBC_URL", "postgres://x")::get,
                    () -> false, () -> fail("no Docker"), () -> false))
            .withMessageContaining("jdbc:postgresql://host:port/database");
    }

    @Test
    void createdDatabaseIsEmptyAndDroppedOnClose() throws Exception {
        String name;
        try (TestDatabase database = PostgresServer.get().createDatabase("PostgresServerTests");
                var connection = database.getConnection(); var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT current_database(), "
                        + "(SELECT count(*) FROM pg_tables WHERE schemaname = 'public')")) {
            result.next();
            name = result.getString(1);
            assertThat(name).isEqualTo(database.name()).startsWith("tm_postgresservertests_");
            assertThat(result.getLong(2)).isZero();
        }
        try (var connection = PostgresServer.get().connect("postgres"); var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            result.next();
            assertThat(result.getLong(1)).isZero();
        }
    }

}
