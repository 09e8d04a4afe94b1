package dev.tidemark.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tidemark.testsupport.TestServerSettings.HostAndPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServerChoiceTests {

    @Test
    void explicitUrlWinsOverEverythingElse() {
        Sources sources = new Sources(true, true);
        PostgresServer server = ServerChoice.choose(settings(Map.of("TIDEMARK_TEST_JDBC_URL",
                "jdbc:postgresql://db.example:6543/admin", "TIDEMARK_TEST_JDBC_USER", "tester"), Map.of()), sources);
        assertThat(server.jdbcUrl("t1")).isEqualTo("jdbc:postgresql://db.example:6543/t1");
        assertThat(server.user()).isEqualTo("tester");
        assertThat(server.password()).isEmpty();
        assertThat(sources.asked).isEmpty();
    }

    @Test
    void explicitUrlAndRequestedVersionTogetherAreAContradiction() {
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> ServerChoice.choose(settings(Map.of("TIDEMARK_TEST_JDBC_URL", "jdbc:postgresql://db:5432/x"),
                    Map.of("tidemark.test.postgres", "14")), new Sources(true, true)))
            .withMessageContaining("TIDEMARK_TEST_JDBC_URL=jdbc:postgresql://db:5432/x")
            .withMessageContaining("tidemark.test.postgres=14")
            .withMessageContaining("Unset one of them");
    }

    @Test
    void requestedVersionStartsThatEmbeddedServerEvenWhereDockerAndTheLocalServerAnswer() {
        Sources sources = new Sources(true, true);
        PostgresServer server = ServerChoice.choose(settings(Map.of(), Map.of("tidemark.test.postgres", "14")), sources);
        assertThat(server.origin()).isEqualTo("embedded 14");
        assertThat(sources.asked).containsExactly("embedded 14");
    }

    @Test
    void dockerComesBeforeTheLocalServer() {
        Sources sources = new Sources(true, true);
        assertThat(ServerChoice.choose(settings(Map.of(), Map.of()), sources).origin()).isEqualTo("container");
        assertThat(sources.asked).containsExactly("docker?", "container");
    }

    @Test
    void localServerIsUsedWithoutUrlAndDocker() {
        Sources sources = new Sources(false, true);
        PostgresServer server = ServerChoice.choose(settings(Map.of(), Map.of()), sources);
        assertThat(server.jdbcUrl("t1")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/t1");
        assertThat(server.origin()).isEqualTo("local server 127.0.0.1:5432");
        assertThat(sources.asked).containsExactly("docker?", "answers 127.0.0.1:5432?");
    }

    @Test
    void localServerProbeGoesWhereThePropertySays() {
        Sources sources = new Sources(false, true);
        PostgresServer server = ServerChoice.choose(settings(Map.of("TIDEMARK_TEST_LOCAL_SERVER", "localhost:1"),
                Map.of("tidemark.test.local-server", "127.0.0.1:6543")), sources);
        assertThat(server.jdbcUrl("t1")).isEqualTo("jdbc:postgresql://127.0.0.1:6543/t1");
    }

    @Test
    void withoutAnyServerTheEmbeddedOneStartsOutsideCi() {
        Sources sources = new Sources(false, false);
        assertThat(ServerChoice.choose(settings(Map.of(), Map.of()), sources).origin()).isEqualTo("embedded default");
        assertThat(sources.asked).containsExactly("docker?", "answers 127.0.0.1:5432?", "embedded default");
    }

    @Test
    void localServerSetToNoneIsNotProbed() {
        Sources sources = new Sources(false, true);
        assertThat(ServerChoice.choose(settings(Map.of("TIDEMARK_TEST_LOCAL_SERVER", "none"), Map.of()), sources).origin())
            .isEqualTo("embedded default");
        assertThat(sources.asked).containsExactly("docker?", "embedded default");
    }

    @Test
    void ciWithoutANamedServerFailsLoudlyInsteadOfFallingBackToTheEmbeddedOne() {
        Sources sources = new Sources(false, false);
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> ServerChoice.choose(settings(Map.of("CI", "true"), Map.of()), sources))
            .withMessageStartingWith("No PostgreSQL for the tests with CI=true")
            .withMessageContaining("nothing listens on 127.0.0.1:5432")
            .withMessageContaining("-Dtidemark.test.postgres=17");
        assertThat(sources.asked).doesNotContain("embedded default");
    }

    @Test
    void ciMayAskForAnEmbeddedServerByVersion() {
        Sources sources = new Sources(false, false);
        assertThat(ServerChoice.choose(settings(Map.of("CI", "true"), Map.of("tidemark.test.postgres", "18")), sources)
            .origin()).isEqualTo("embedded 18");
    }

    @Test
    void ciUsesTheLocalServerWhenItAnswers() {
        assertThat(ServerChoice.choose(settings(Map.of("CI", "true"), Map.of()), new Sources(false, true)).origin())
            .isEqualTo("local server 127.0.0.1:5432");
    }

    @Test
    void malformedUrlNamesTheExpectedShape() {
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> ServerChoice.choose(settings(Map.of("TIDEMARK_TEST_JDBC_URL", "postgres://x"), Map.of()),
                    new Sources(false, false)))
            .withMessageContaining("jdbc:postgresql://host:port/database");
    }

    private static TestServerSettings settings(Map<String, String> env, Map<String, String> properties) {
        return TestServerSettings.read(env::get, properties::get);
    }

    /** Answers as told and records what was asked, in order. */
    private static final class Sources implements ServerSources {

        private final boolean docker;

        private final boolean local;

        final List<String> asked = new ArrayList<>();

        Sources(boolean docker, boolean local) {
            this.docker = docker;
            this.local = local;
        }

        @Override
        public boolean dockerAnswers() {
            this.asked.add("docker?");
            return this.docker;
        }

        @Override
        public PostgresServer startContainer() {
            this.asked.add("container");
            return new PostgresServer("container:5432", "postgres", "postgres", "", "container");
        }

        @Override
        public boolean answers(HostAndPort address) {
            this.asked.add("answers " + address + "?");
            return this.local;
        }

        @Override
        public PostgresServer startEmbedded(Integer requestedMajor) {
            String name = "embedded " + ((requestedMajor != null) ? requestedMajor : "default");
            this.asked.add(name);
            return new PostgresServer("127.0.0.1:1", "postgres", "postgres", "", name);
        }

    }

}
