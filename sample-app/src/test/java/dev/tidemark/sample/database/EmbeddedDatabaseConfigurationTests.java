package dev.tidemark.sample.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** When the sample starts a PostgreSQL of its own, and when it leaves the database to the configuration or Compose. */
@WithPostgres
class EmbeddedDatabaseConfigurationTests {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(EmbeddedDatabaseConfiguration.class)
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class));

    @Test
    void configuredDatabaseThatAnswersIsUsedAndNothingStarts(TestDatabase database) {
        this.runner.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                "spring.datasource.username=" + database.user(), "spring.datasource.password=" + database.password(),
                "spring.docker.compose.enabled=false")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(EmbeddedSampleDatabase.class);
                assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                    .queryForObject("SELECT current_database()", String.class)).isEqualTo(database.name());
            });
    }

    @Test
    void nothingAnsweringStartsARealPostgresThatTheDataSourceUsesAndStopsItWithTheContext() throws IOException {
        int port = freePort();
        this.runner.withPropertyValues(properties(port)).run((context) -> {
            assertThat(context.getBean(JdbcConnectionDetails.class)).isInstanceOf(EmbeddedSampleDatabase.class);
            assertThat(context.getBean(EmbeddedSampleDatabase.class).startedHere()).isTrue();
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT current_setting('server_version_num')::int", Integer.class))
                .isGreaterThanOrEqualTo(140000);
            // The configured URL's parameters (the sample's schema) are kept.
            assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/postgres?currentSchema=tidemark_sample");
        });
        assertThat(NoDatabaseAnswersCondition.answers(InetSocketAddress.createUnresolved("127.0.0.1", port))).isFalse();
    }

    @Test
    void secondInstanceJoinsTheFirstInstancesServerAndLeavesItRunning() throws IOException {
        int port = freePort();
        this.runner.withPropertyValues(properties(port)).run((first) -> {
            this.runner.withPropertyValues(properties(port)).run((second) -> {
                assertThat(second.getBean(EmbeddedSampleDatabase.class).startedHere()).isFalse();
                new JdbcTemplate(first.getBean(DataSource.class)).execute("CREATE TABLE public.shared (id int)");
                assertThat(new JdbcTemplate(second.getBean(DataSource.class))
                    .queryForObject("SELECT count(*) FROM public.shared", Integer.class)).isZero();
            });
            assertThat(new JdbcTemplate(first.getBean(DataSource.class))
                .queryForObject("SELECT count(*) FROM public.shared", Integer.class)).isZero();
        });
    }

    @Test
    void dockerComposeSupportProvidesTheDatabaseWhenItIsOn() throws IOException {
        this.runner.withPropertyValues(properties(freePort())).withPropertyValues("spring.docker.compose.enabled=true")
            .run((context) -> assertThat(context).doesNotHaveBean(EmbeddedSampleDatabase.class));
    }

    @Test
    void fallbackTurnedOffStartsNothing() throws IOException {
        this.runner.withPropertyValues(properties(freePort())).withPropertyValues("sample.embedded-database.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(EmbeddedSampleDatabase.class));
    }

    @Test
    void hostAndPortComeFromTheUrlWithTheDriversDefaultPort() {
        assertThat(NoDatabaseAnswersCondition.address("jdbc:postgresql://db.example:6543/app?currentSchema=s"))
            .hasValue(InetSocketAddress.createUnresolved("db.example", 6543));
        assertThat(NoDatabaseAnswersCondition.address("jdbc:postgresql://localhost/app"))
            .hasValue(InetSocketAddress.createUnresolved("localhost", 5432));
        // Several hosts: the user chose their database deliberately, the sample does not second-guess it.
        assertThat(NoDatabaseAnswersCondition.address("jdbc:postgresql://a:5432,b:5432/app")).isEmpty();
        assertThat(NoDatabaseAnswersCondition.address("jdbc:h2:mem:x")).isEmpty();
    }

    private String[] properties(int port) throws IOException {
        return new String[] { "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort()
                + "/postgres?currentSchema=tidemark_sample", "spring.docker.compose.enabled=false",
                "sample.embedded-database.enabled=true", "sample.embedded-database.port=" + port,
                "sample.embedded-database.directory=" + this.directory };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A port that was just free, so nothing answers there: the configured database that is not running. */
    private static int closedPort() throws IOException {
        return freePort();
    }

}
