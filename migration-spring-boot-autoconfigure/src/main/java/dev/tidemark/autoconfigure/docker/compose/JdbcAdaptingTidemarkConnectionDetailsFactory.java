package dev.tidemark.autoconfigure.docker.compose;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import dev.tidemark.autoconfigure.TidemarkConnectionDetails;

/**
 * Gives Tidemark the connection of a Docker Compose database service: it adapts the
 * {@link JdbcConnectionDetails} that Spring Boot derives from the service.
 */
class JdbcAdaptingTidemarkConnectionDetailsFactory
        implements ConnectionDetailsFactory<JdbcConnectionDetails, TidemarkConnectionDetails> {

    @Override
    public TidemarkConnectionDetails getConnectionDetails(JdbcConnectionDetails input) {
        return new TidemarkConnectionDetails() {

            @Override
            public String getJdbcUrl() {
                return input.getJdbcUrl();
            }

            @Override
            public @Nullable String getUsername() {
                return input.getUsername();
            }

            @Override
            public @Nullable String getPassword() {
                return input.getPassword();
            }

            @Override
            public String getDriverClassName() {
                return input.getDriverClassName();
            }

        };
    }

}
