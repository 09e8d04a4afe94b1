package dev.tidemark.sample.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's embedded PostgreSQL, used only when no other database answers (see
 * {@link NoDatabaseAnswersCondition}); defaults in {@code application.yml}.
 *
 * @param enabled whether the sample may start one at all
 * @param port the fixed port on 127.0.0.1, so that further sample instances find the same server
 * @param directory where its data (kept between runs) and its log live
 */
@ConfigurationProperties("sample.embedded-database")
record EmbeddedDatabaseProperties(boolean enabled, int port, Path directory) {
}
