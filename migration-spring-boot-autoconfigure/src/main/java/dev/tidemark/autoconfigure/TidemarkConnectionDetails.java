package dev.tidemark.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * Details of a connection Tidemark migrates through instead of the application's {@code DataSource}, e.g.
 * a direct connection past a transaction-pooling PgBouncer, or a user allowed to run DDL. By default they
 * come from {@code tidemark.url}, {@code tidemark.user} and {@code tidemark.password}; a
 * {@code @ServiceConnection} PostgreSQL container or Docker Compose service provides them too. Every
 * value may be {@code null}: without a URL Tidemark connects to the application's database (with the
 * given user, if any), and with neither it uses the application's {@code DataSource}.
 */
public interface TidemarkConnectionDetails extends ConnectionDetails {

    /** The JDBC URL to migrate through, or {@code null} for the application's database. */
    @Nullable String getJdbcUrl();

    /** The user to migrate as, or {@code null} for the application's user (or the URL's default). */
    @Nullable String getUsername();

    /** The password of that user, or {@code null}. */
    @Nullable String getPassword();

    /** The JDBC driver class, by default the one the URL names, or {@code null} without a URL. */
    default @Nullable String getDriverClassName() {
        String url = getJdbcUrl();
        return (url != null) ? DatabaseDriver.fromJdbcUrl(url).getDriverClassName() : null;
    }

}
