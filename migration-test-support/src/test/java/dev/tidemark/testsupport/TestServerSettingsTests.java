package dev.tidemark.testsupport;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tidemark.testsupport.TestServerSettings.HostAndPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TestServerSettingsTests {

    @Test
    void defaultsProbeTheLocalServerOnItsStandardPortOutsideCi() {
        TestServerSettings settings = TestServerSettings.read(Map.<String, String>of()::get, Map.<String, String>of()::get);
        assertThat(settings.jdbcUrl()).isNull();
        assertThat(settings.user()).isEqualTo("postgres");
        assertThat(settings.password()).isEmpty();
        assertThat(settings.requestedMajor()).isNull();
        assertThat(settings.localServer()).isEqualTo(new HostAndPort("127.0.0.1", 5432));
        assertThat(settings.ci()).isFalse();
    }

    @Test
    void blankValuesCountAsUnset() {
        TestServerSettings settings = TestServerSettings.read(Map.of("TIDEMARK_TEST_JDBC_URL", " ", "CI", "")::get,
                Map.of("tidemark.test.postgres", "", "tidemark.test.local-server", " ")::get);
        assertThat(settings.jdbcUrl()).isNull();
        assertThat(settings.requestedMajor()).isNull();
        assertThat(settings.localServer()).isEqualTo(new HostAndPort("127.0.0.1", 5432));
    }

    @Test
    void versionThatIsNotAMajorNumberNamesThePropertyAndTheChoices() {
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> TestServerSettings.read(Map.<String, String>of()::get,
                    Map.of("tidemark.test.postgres", "fourteen")::get))
            .withMessage("tidemark.test.postgres=fourteen is not a PostgreSQL major version; use one of 14, 15, 16, 17, 18, "
                    + "e.g. -Dtidemark.test.postgres=14");
    }

    @Test
    void localServerThatIsNotHostAndPortNamesTheSetting() {
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> TestServerSettings.read(Map.of("TIDEMARK_TEST_LOCAL_SERVER", "127.0.0.1")::get,
                    Map.<String, String>of()::get))
            .withMessage("TIDEMARK_TEST_LOCAL_SERVER=127.0.0.1 is not host:port (e.g. 127.0.0.1:5432), "
                    + "nor none to skip the local server");
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> TestServerSettings.read(Map.<String, String>of()::get,
                    Map.of("tidemark.test.local-server", "db:99999")::get))
            .withMessageStartingWith("tidemark.test.local-server=db:99999 is not host:port");
    }

    @Test
    void ciIsTrueOnlyForTrue() {
        assertThat(TestServerSettings.read(Map.of("CI", "TRUE")::get, Map.<String, String>of()::get).ci()).isTrue();
        assertThat(TestServerSettings.read(Map.of("CI", "1")::get, Map.<String, String>of()::get).ci()).isFalse();
    }

}
