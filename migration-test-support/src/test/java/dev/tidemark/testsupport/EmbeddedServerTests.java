package dev.tidemark.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Starts real servers: the embedded fallback and the version matrix must work on this machine, root or not. */
class EmbeddedServerTests {

    @Test
    void startsARealServerOfTheRequestedVersionWithTestFriendlySettings() throws Exception {
        String requested = System.getProperty(TestServerSettings.VERSION_PROPERTY);
        PostgresServer server = EmbeddedServer.start((requested != null) ? Integer.valueOf(requested) : null);
        assertThat(server.origin()).startsWith("embedded PostgreSQL ").contains(" on 127.0.0.1:");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_user, current_setting('server_version_num')::int / 10000, "
                        + "current_setting('fsync'), current_setting('lc_messages')")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("postgres");
            assertThat(result.getInt(2)).isGreaterThanOrEqualTo(14);
            if (requested != null) {
                assertThat(result.getInt(2)).isEqualTo(Integer.parseInt(requested));
            }
            assertThat(result.getString(3)).isEqualTo("off");
            assertThat(result.getString(4)).isEqualTo("C");
        }
    }

    @Test
    void versionOtherThanTheBinariesOnTheClassPathIsRefusedNamingTheMavenSwitch() {
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> EmbeddedServer.start(99))
            .withMessageStartingWith("tidemark.test.postgres=99 asks for PostgreSQL 99, but the embedded binaries on the "
                    + "class path are ")
            .withMessageEndingWith("Run the tests through Maven with -Dtidemark.test.postgres=99: its postgres-99 profile "
                    + "puts those binaries on the class path.");
    }

    @Test
    void rootWithoutUserNamespacesIsExplainedBeforeInitdbFails() {
        assertThat(EmbeddedServer.refusal(true, false)).hasValueSatisfying((message) -> assertThat(message)
            .contains("runs as root", "unshare -U", "Run the build as a normal user", "TIDEMARK_TEST_JDBC_URL"));
    }

    @Test
    void rootWithUserNamespacesAndNormalUsersStartTheServer() {
        assertThat(EmbeddedServer.refusal(true, true)).isEmpty();
        assertThat(EmbeddedServer.refusal(false, false)).isEmpty();
    }

}
