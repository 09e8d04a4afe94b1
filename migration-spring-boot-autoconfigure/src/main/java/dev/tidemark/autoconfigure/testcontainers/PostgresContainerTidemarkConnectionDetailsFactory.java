package dev.tidemark.autoconfigure.testcontainers;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import dev.tidemark.autoconfigure.TidemarkConnectionDetails;

/**
 * Creates {@link TidemarkConnectionDetails} from a {@link ServiceConnection @ServiceConnection}-annotated
 * {@link PostgreSQLContainer}. Only PostgreSQL containers: Tidemark migrates nothing else, so another
 * database's container next to it must not become a second candidate.
 */
class PostgresContainerTidemarkConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<PostgreSQLContainer, TidemarkConnectionDetails> {

    @Override
    protected TidemarkConnectionDetails getContainerConnectionDetails(
            ContainerConnectionSource<PostgreSQLContainer> source) {
        return new PostgresContainerTidemarkConnectionDetails(source);
    }

    /** {@link TidemarkConnectionDetails} backed by a running {@link PostgreSQLContainer}. */
    private static final class PostgresContainerTidemarkConnectionDetails
            extends ContainerConnectionDetails<PostgreSQLContainer> implements TidemarkConnectionDetails {

        private PostgresContainerTidemarkConnectionDetails(ContainerConnectionSource<PostgreSQLContainer> source) {
            super(source);
        }

        @Override
        public String getJdbcUrl() {
            return getContainer().getJdbcUrl();
        }

        @Override
        public String getUsername() {
            return getContainer().getUsername();
        }

        @Override
        public String getPassword() {
            return getContainer().getPassword();
        }

        @Override
        public String getDriverClassName() {
            return getContainer().getDriverClassName();
        }

    }

}
