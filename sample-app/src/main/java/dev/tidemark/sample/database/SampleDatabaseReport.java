package dev.tidemark.sample.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Says in the log, once the sample has started, which database it uses and where that choice came from. */
@Component
class SampleDatabaseReport implements ApplicationListener<ApplicationStartedEvent> {

    private static final Logger logger = LoggerFactory.getLogger(SampleDatabaseReport.class);

    private final ObjectProvider<JdbcConnectionDetails> connectionDetails;

    SampleDatabaseReport(ObjectProvider<JdbcConnectionDetails> connectionDetails) {
        this.connectionDetails = connectionDetails;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        JdbcConnectionDetails details = this.connectionDetails.getIfUnique();
        if (details == null) {
            return;
        }
        String origin;
        if (details instanceof EmbeddedSampleDatabase embedded) {
            origin = embedded.startedHere() ? "the embedded PostgreSQL this instance started"
                    : "the embedded PostgreSQL another sample instance started";
        }
        else if (details.getClass().getName().contains("DockerCompose")) {
            origin = "the PostgreSQL service of compose.yaml";
        }
        else {
            origin = "spring.datasource.url; SPRING_DATASOURCE_URL, _USERNAME and _PASSWORD point it elsewhere";
        }
        logger.info("The sample's database: {} as {} ({})", details.getJdbcUrl(), details.getUsername(), origin);
    }

}
