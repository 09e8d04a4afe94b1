package dev.tidemark.testsupport;

import dev.tidemark.testsupport.TestServerSettings.HostAndPort;

/**
 * The places the tests' PostgreSQL can come from. An interface so that {@link ServerChoice} can be tested
 * without Docker, without a local server and without starting one.
 */
interface ServerSources {

    /** Whether a Docker engine answers. */
    boolean dockerAnswers();

    /** Starts a Testcontainers PostgreSQL; only called when {@link #dockerAnswers()}. */
    PostgresServer startContainer();

    /** Whether something accepts TCP connections at the address. */
    boolean answers(HostAndPort address);

    /**
     * Starts an embedded PostgreSQL from the binaries on the class path.
     * @param requestedMajor the major version the server must have, or {@code null} for whatever the
     *        class path holds
     */
    PostgresServer startEmbedded(Integer requestedMajor);

}
