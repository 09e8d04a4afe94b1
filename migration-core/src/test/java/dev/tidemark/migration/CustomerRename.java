package dev.tidemark.migration;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.MigrationFiles;

/**
 * The seeds' column rename {@code customers.name} to {@code full_name} across releases, as the files
 * of each release's code: 1.0.0 creates the table, 2.0.0 expands, backfills and contracts, 3.0.0 adds
 * another column.
 */
final class CustomerRename {

    static final String CREATE = "1.0.0/V1__expand__create_customers.sql";

    static final String ADD_FULL_NAME = "2.0.0/V2__expand__add_full_name.sql";

    static final String BACKFILL = "2.0.0/V3__migrate__backfill_full_name.sql";

    static final String DROP_NAME = "2.0.0/V4__contract__drop_name.sql";

    static final String ADD_EMAIL = "3.0.0/V5__expand__add_email.sql";

    private CustomerRename() {
    }

    /** Writes the files release {@code 1}, {@code 2} or {@code 3} ships with below the folder. */
    static String location(Path folder, int release) {
        MigrationFiles files = new MigrationFiles(folder);
        files.write(CREATE, "CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL);");
        if (release >= 2) {
            files.write(ADD_FULL_NAME, "ALTER TABLE customers ADD COLUMN full_name text;");
            files.write(BACKFILL, "-- tidemark:allow unbatched-dml a test table of a few rows\n"
                    + "UPDATE customers SET full_name = name WHERE full_name IS NULL;");
            files.write(DROP_NAME, "ALTER TABLE customers DROP COLUMN name;");
        }
        if (release >= 3) {
            files.write(ADD_EMAIL, "ALTER TABLE customers ADD COLUMN email text;");
        }
        return files.location();
    }

    /** An instance's configuration with short intervals, so background work happens within a test. */
    static TidemarkConfiguration.Builder instance(DataSource database, String location, String codeVersion, String host) {
        return TidemarkConfiguration.builder()
            .dataSource(database)
            .locations(location)
            .codeVersion(codeVersion)
            .host(host)
            .heartbeatInterval(Duration.ofMillis(200))
            .instanceStaleTimeout(Duration.ofSeconds(5))
            .reconcileInterval(Duration.ofMillis(300))
            .lockPollInterval(Duration.ofMillis(50));
    }

    /** The versions of the successful history rows in the order they were applied. */
    static java.util.List<String> appliedInOrder(DataSource database) {
        return Sql.column(database, "SELECT version FROM tidemark_history WHERE outcome = 'SUCCESS' ORDER BY installed_rank");
    }

}
