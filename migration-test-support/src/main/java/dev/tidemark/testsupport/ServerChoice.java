package dev.tidemark.testsupport;

/**
 * The order in which the tests choose their PostgreSQL:
 * <ol>
 *   <li>{@code TIDEMARK_TEST_JDBC_URL} when set;</li>
 *   <li>an embedded server of the major version that {@code -Dtidemark.test.postgres=N} asks for;</li>
 *   <li>a Testcontainers PostgreSQL when a Docker engine answers;</li>
 *   <li>the local server at {@code 127.0.0.1:5432} when it answers;</li>
 *   <li>an embedded server of the binaries' default version — except with {@code CI=true}.</li>
 * </ol>
 * Why CI does not fall back to the embedded server on its own: a CI run names the PostgreSQL it tests
 * (the URL, a version, Docker, or the local server that {@code .ci/run} starts). If that server is missing,
 * quietly testing another version instead would hide a broken CI set-up and make the compatibility table
 * claim a version that was not tested. So {@code CI=true} without any of them fails, and
 * {@code -Dtidemark.test.postgres=N} is how a CI job asks for the embedded server.
 */
final class ServerChoice {

    private ServerChoice() {
    }

    static PostgresServer choose(TestServerSettings settings, ServerSources sources) {
        if (settings.jdbcUrl() != null) {
            if (settings.requestedMajor() != null) {
                throw new IllegalStateException("Both TIDEMARK_TEST_JDBC_URL=" + settings.jdbcUrl() + " and "
                        + TestServerSettings.VERSION_PROPERTY + "=" + settings.requestedMajor()
                        + " are set: the first names a server, the second asks for an embedded one. Unset one of them.");
            }
            return PostgresServer.fromUrl(settings.jdbcUrl(), settings.user(), settings.password(),
                    "TIDEMARK_TEST_JDBC_URL=" + settings.jdbcUrl());
        }
        if (settings.requestedMajor() != null) {
            return sources.startEmbedded(settings.requestedMajor());
        }
        if (sources.dockerAnswers()) {
            return sources.startContainer();
        }
        if (settings.localServer() != null && sources.answers(settings.localServer())) {
            return new PostgresServer(settings.localServer().toString(), "postgres", "postgres", "",
                    "local server " + settings.localServer());
        }
        if (settings.ci()) {
            throw new IllegalStateException("No PostgreSQL for the tests with CI=true: TIDEMARK_TEST_JDBC_URL is not set, "
                    + TestServerSettings.VERSION_PROPERTY + " asks for no version, no Docker engine answers and "
                    + ((settings.localServer() != null) ? "nothing listens on " + settings.localServer()
                            : "the local server is turned off (none)")
                    + ". CI must name the server it tests: start the local one (bash .ci/run does), set "
                    + "TIDEMARK_TEST_JDBC_URL, or run an embedded one with -D" + TestServerSettings.VERSION_PROPERTY + "=17.");
        }
        return sources.startEmbedded(null);
    }

}
