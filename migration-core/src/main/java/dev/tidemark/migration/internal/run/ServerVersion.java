package dev.tidemark.migration.internal.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.TidemarkException;

/**
 * The oldest PostgreSQL Tidemark runs on, checked on the first connection of each {@code Tidemark}
 * object. 14 because 12 and 13 are out of community support, and because Tidemark's protections depend on
 * what 14 added: {@code pg_locks.waitstart} (how long a statement has waited, for the lock watchdog) and
 * {@code idle_session_timeout} (switched off on the migration lock's session). Refusing loudly beats a
 * protection that silently does nothing. Stateless.
 */
final class ServerVersion {

    /** {@code server_version_num} of PostgreSQL 14.0. */
    static final int MINIMUM = 140000;

    private ServerVersion() {
    }

    /** Reads the server's version and refuses one that is too old. */
    static void check(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('server_version_num')::int, "
                        + "current_setting('server_version')")) {
            result.next();
            requireSupported(result.getInt(1), result.getString(2));
        }
    }

    /**
     * Refuses a server older than {@link #MINIMUM}.
     * @param versionNumber its {@code server_version_num}, e.g. {@code 150019}
     * @param version its {@code server_version}, e.g. {@code 15.19 (Debian 15.19-0+deb12u1)}
     */
    static void requireSupported(int versionNumber, String version) {
        if (versionNumber < MINIMUM) {
            throw new TidemarkException(ErrorCode.UNSUPPORTED_DATABASE, "Tidemark needs PostgreSQL 14 or newer, and this "
                    + "server runs PostgreSQL " + version + " (server_version_num " + versionNumber + "). Versions "
                    + "before 14 are out of community support, and Tidemark's lock protections rely on what 14 added "
                    + "(pg_locks.waitstart for the lock watchdog, idle_session_timeout on the migration lock's "
                    + "session). Upgrade the server to PostgreSQL 14 or newer; nothing was changed.");
        }
    }

}
