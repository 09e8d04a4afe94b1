package dev.tidemark.testsupport;

import java.util.function.Function;

/**
 * What the machine says about the tests' PostgreSQL, read once from environment variables and system
 * properties: an explicit server, a requested major version, where to look for a local server, and
 * whether this is CI. Values are checked here, so a typo fails with the name of the setting.
 *
 * @param jdbcUrl {@code TIDEMARK_TEST_JDBC_URL}, or {@code null} when unset
 * @param user {@code TIDEMARK_TEST_JDBC_USER}, default {@code postgres}
 * @param password {@code TIDEMARK_TEST_JDBC_PASSWORD}, default empty
 * @param requestedMajor {@value #VERSION_PROPERTY}: the major version to run an embedded server of, or
 *        {@code null} when unset
 * @param localServer where the local server is probed ({@value #LOCAL_SERVER_PROPERTY} or
 *        {@code TIDEMARK_TEST_LOCAL_SERVER}, default {@value #DEFAULT_LOCAL_SERVER}), or {@code null} for
 *        {@code none}: do not look for one
 * @param ci whether {@code CI=true}
 */
record TestServerSettings(String jdbcUrl, String user, String password, Integer requestedMajor,
        HostAndPort localServer, boolean ci) {

    /** The system property that asks for an embedded server of one major version (the Maven profiles set it). */
    static final String VERSION_PROPERTY = "tidemark.test.postgres";

    /** The system property that moves (or, with {@code none}, skips) the probe for a local server. */
    static final String LOCAL_SERVER_PROPERTY = "tidemark.test.local-server";

    static final String DEFAULT_LOCAL_SERVER = "127.0.0.1:5432";

    /** Reads this JVM's environment and system properties. */
    static TestServerSettings fromMachine() {
        return read(System::getenv, System::getProperty);
    }

    /**
     * Reads the settings from the given sources, so that the rules can be tested without changing the
     * machine.
     * @param env environment variables by name
     * @param properties system properties by name
     */
    static TestServerSettings read(Function<String, String> env, Function<String, String> properties) {
        String url = blankToNull(env.apply("TIDEMARK_TEST_JDBC_URL"));
        String user = valueOr(env.apply("TIDEMARK_TEST_JDBC_USER"), "postgres");
        String password = valueOr(env.apply("TIDEMARK_TEST_JDBC_PASSWORD"), "");
        String local = blankToNull(properties.apply(LOCAL_SERVER_PROPERTY));
        String localSetting = LOCAL_SERVER_PROPERTY;
        if (local == null) {
            local = valueOr(blankToNull(env.apply("TIDEMARK_TEST_LOCAL_SERVER")), DEFAULT_LOCAL_SERVER);
            localSetting = "TIDEMARK_TEST_LOCAL_SERVER";
        }
        HostAndPort localServer = "none".equalsIgnoreCase(local.trim()) ? null : HostAndPort.parse(local, localSetting);
        return new TestServerSettings(url, user, password, major(properties.apply(VERSION_PROPERTY)), localServer,
                "true".equalsIgnoreCase(env.apply("CI")));
    }

    private static Integer major(String value) {
        String trimmed = blankToNull(value);
        if (trimmed == null) {
            return null;
        }
        if (!trimmed.matches("\\d{1,3}")) {
            throw new IllegalStateException(VERSION_PROPERTY + "=" + value + " is not a PostgreSQL major version; "
                    + "use one of 14, 15, 16, 17, 18, e.g. -D" + VERSION_PROPERTY + "=14");
        }
        return Integer.valueOf(trimmed);
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    private static String valueOr(String value, String fallback) {
        return (value != null) ? value : fallback;
    }

    /**
     * A TCP address to probe.
     * @param host the host name or address
     * @param port the port
     */
    record HostAndPort(String host, int port) {

        static HostAndPort parse(String value, String setting) {
            int colon = value.lastIndexOf(':');
            if (colon > 0 && value.substring(colon + 1).matches("\\d{1,5}")) {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port > 0 && port <= 65535) {
                    return new HostAndPort(value.substring(0, colon), port);
                }
            }
            throw new IllegalStateException(setting + "=" + value + " is not host:port (e.g. 127.0.0.1:5432), "
                    + "nor none to skip the local server");
        }

        @Override
        public String toString() {
            return this.host + ":" + this.port;
        }

    }

}
