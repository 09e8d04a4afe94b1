package dev.tidemark.testsupport;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL server the tests of this JVM run against, chosen once per JVM in this order:
 * <ol>
 *   <li>{@code TIDEMARK_TEST_JDBC_URL} (with {@code TIDEMARK_TEST_JDBC_USER} and
 *       {@code TIDEMARK_TEST_JDBC_PASSWORD}) when set;</li>
 *   <li>a Testcontainers {@code PostgreSQLContainer} when a Docker engine answers;</li>
 *   <li>the server at {@code 127.0.0.1:5432} (user {@code postgres}, trust authentication).</li>
 * </ol>
 * When none answers the tests are aborted, except with {@code CI=true}, where they fail: a silently
 * skipped suite must never look green. Thread-safe.
 */
public final class PostgresServer {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]*)(\\?.*)?");

    private final String hostAndPort;
    private final String adminDatabase;
    private final String user;
    private final String password;
    private final String origin;

    private PostgresServer(String hostAndPort, String adminDatabase, String user, String password, String origin) {
        this.hostAndPort = hostAndPort;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
        this.origin = origin;
    }

    /** Returns the server of this JVM, resolving it on first use. */
    public static PostgresServer get() {
        return Holder.SERVER;
    }

    /** Where the server came from, for logs: the environment, Testcontainers or the local default. */
    public String origin() {
        return this.origin;
    }

    /** The database user the tests connect as. */
    public String user() {
        return this.user;
    }

    /** The password of {@link #user()}, empty for trust authentication. */
    public String password() {
        return this.password;
    }

    /** A JDBC URL for the named database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + this.hostAndPort + "/" + database;
    }

    /**
     * Creates a fresh, empty database whose name starts with the given hint; closing the returned
     * handle drops it again, terminating any session still connected.
     */
    public TestDatabase createDatabase(String nameHint) {
        String name = "tm_" + sanitize(nameHint) + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE DATABASE " + name + " TEMPLATE template0");
        return new TestDatabase(this, name);
    }

    void dropDatabase(String name) {
        // FORCE (PostgreSQL 13+) ends sessions a test left behind, e.g. a killed instance's.
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", this.user);
        properties.setProperty("password", this.password);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    private void execute(String sql) {
        try (Connection connection = connect(this.adminDatabase); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not run '" + sql + "' on the test server " + this.origin + ": "
                    + ex.getMessage(), ex);
        }
    }

    private static String sanitize(String hint) {
        String cleaned = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return cleaned.length() > 30 ? cleaned.substring(cleaned.length() - 30) : cleaned;
    }

    private static PostgresServer resolve() {
        return resolve(System::getenv, DockerProbe::dockerAnswers, DockerProbe::startContainer,
                () -> answers("127.0.0.1", 5432));
    }

    /**
     * Chooses the server; the environment and the probes are parameters so the choice itself can be
     * tested without changing the machine.
     */
    static PostgresServer resolve(Function<String, String> env, BooleanSupplier dockerAnswers,
            Supplier<PostgresServer> container, BooleanSupplier localAnswers) {
        String url = env.apply("TIDEMARK_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return fromUrl(url, valueOr(env, "TIDEMARK_TEST_JDBC_USER", "postgres"),
                    valueOr(env, "TIDEMARK_TEST_JDBC_PASSWORD", ""), "TIDEMARK_TEST_JDBC_URL=" + url);
        }
        if (dockerAnswers.getAsBoolean()) {
            return container.get();
        }
        if (localAnswers.getAsBoolean()) {
            return new PostgresServer("127.0.0.1:5432", "postgres", "postgres", "", "local server 127.0.0.1:5432");
        }
        String message = "No PostgreSQL for the tests: TIDEMARK_TEST_JDBC_URL is not set, no Docker engine answers "
                + "and nothing listens on 127.0.0.1:5432. Start PostgreSQL (bash .ci/run does) or set TIDEMARK_TEST_JDBC_URL.";
        if ("true".equalsIgnoreCase(env.apply("CI"))) {
            // In CI a skipped suite would read as green: fail instead.
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    static PostgresServer fromUrl(String url, String user, String password, String origin) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalStateException("Not a PostgreSQL JDBC URL: '" + url
                    + "'; expected jdbc:postgresql://host:port/database");
        }
        String database = matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
        return new PostgresServer(matcher.group(1), database, user, password, origin);
    }

    private static String valueOr(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return (value != null) ? value : fallback;
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        }
        catch (java.io.IOException ex) {
            return false;
        }
    }

    /** Lazy holder: the server is resolved on first use only, once per JVM. */
    private static final class Holder {
        static final PostgresServer SERVER = resolve();
    }

    /** Keeps Testcontainers classes from loading unless the environment variable is absent. */
    private static final class DockerProbe {

        static boolean dockerAnswers() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            }
            catch (Throwable ex) {
                // Spring Boot's own test support catches Throwable here too: any failure means "no Docker".
                return false;
            }
        }

        static PostgresServer startContainer() {
            var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:15-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return fromUrl(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers " + container.getDockerImageName());
        }

    }

}
