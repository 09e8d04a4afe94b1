package dev.tidemark.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real PostgreSQL server the tests of this JVM run against, chosen once per JVM in this order
 * (see {@link ServerChoice} for the rules and why):
 * <ol>
 *   <li>{@code TIDEMARK_TEST_JDBC_URL} (with {@code TIDEMARK_TEST_JDBC_USER} and
 *       {@code TIDEMARK_TEST_JDBC_PASSWORD}) when set;</li>
 *   <li>an embedded PostgreSQL of the major version that {@code -Dtidemark.test.postgres=N} asks for;</li>
 *   <li>a Testcontainers {@code PostgreSQLContainer} when a Docker engine answers;</li>
 *   <li>the server at {@code 127.0.0.1:5432} (user {@code postgres}, trust authentication) when it answers
 *       ({@code -Dtidemark.test.local-server=host:port} or {@code TIDEMARK_TEST_LOCAL_SERVER} moves the probe,
 *       {@code none} skips it);</li>
 *   <li>an embedded PostgreSQL from the binaries on the class path — except with {@code CI=true}, where the
 *       tests fail instead: CI names the server it tests.</li>
 * </ol>
 * A server that cannot be had fails every test that asks for it, with the reason. Thread-safe.
 */
public final class PostgresServer {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]*)(\\?.*)?");

    private final String hostAndPort;
    private final String adminDatabase;
    private final String user;
    private final String password;
    private final String origin;

    PostgresServer(String hostAndPort, String adminDatabase, String user, String password, String origin) {
        this.hostAndPort = hostAndPort;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
        this.origin = origin;
    }

    /** Returns the server of this JVM, resolving it on first use. */
    public static PostgresServer get() {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException(Holder.FAILURE.getMessage(), Holder.FAILURE);
        }
        return Holder.SERVER;
    }

    /** Where the server came from, for logs: the environment, Testcontainers, the local server or the embedded one. */
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

    static PostgresServer fromUrl(String url, String user, String password, String origin) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalStateException("Not a PostgreSQL JDBC URL: '" + url
                    + "'; expected jdbc:postgresql://host:port/database");
        }
        String database = matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
        return new PostgresServer(matcher.group(1), database, user, password, origin);
    }

    /** Lazy holder: the server is chosen on first use only, once per JVM; a failure is kept and reported to every caller. */
    private static final class Holder {

        static final PostgresServer SERVER;

        static final RuntimeException FAILURE;

        static {
            PostgresServer server = null;
            RuntimeException failure = null;
            try {
                server = ServerChoice.choose(TestServerSettings.fromMachine(), new MachineServerSources());
                // Surefire keeps this in the test class's -output.txt: which server a run used.
                System.out.println("[tidemark-test-support] PostgreSQL for the tests: " + server.origin());
            }
            catch (RuntimeException ex) {
                failure = ex;
            }
            SERVER = server;
            FAILURE = failure;
        }

    }

}
