package dev.tidemark.migration;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
class SmokeTests {

    @Test
    void appliesTwoMigrations(TestDatabase database, @TempDir Path dir) {
        MigrationFiles files = new MigrationFiles(dir);
        files.write("1.0.0/V1__expand__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text);");
        files.write("1.0.0/V2__expand__index.sql", "CREATE INDEX CONCURRENTLY customers_name ON customers (name);");
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .locations(files.location()).build());
        assertThat(tidemark.migrate().appliedCount()).isEqualTo(2);
        assertThat(tidemark.migrate().appliedCount()).isZero();
        assertThat(tidemark.info()).extracting(MigrationInfo::state).containsOnly(MigrationState.APPLIED);
    }

}
