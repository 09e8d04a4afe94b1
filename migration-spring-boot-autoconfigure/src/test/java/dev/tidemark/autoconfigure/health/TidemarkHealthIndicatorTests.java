package dev.tidemark.autoconfigure.health;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.migration.TidemarkException;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@WithPostgres
class TidemarkHealthIndicatorTests {

    @Test
    void isDownUntilTheExpandThisCodeNeedsIsAppliedThenUpWithCounts(TestDatabase database, @TempDir Path dir)
            throws Exception {
        write(dir, "1.0.0/V1__expand__create_t.sql", "CREATE TABLE t_up (id bigint);");
        Tidemark tidemark = tidemark(database, dir, "up_history");
        TidemarkHealthIndicator indicator = new TidemarkHealthIndicator(tidemark, null);
        Health before = indicator.health(true);
        assertThat(before.getStatus()).isEqualTo(Status.DOWN);
        assertThat(before.getDetails()).containsEntry("pending", 1L);
        assertThat(before.getDetails().get("problems")).asString()
            .contains("EXPAND migrations this code needs are not applied: V1 expand \"create t\" of release 1.0.0");
        tidemark.expand();
        Health after = indicator.health(true);
        assertThat(after.getStatus()).isEqualTo(Status.UP);
        assertThat(after.getDetails()).containsEntry("pending", 0L).containsEntry("applied", 1L)
            .containsEntry("deferred", 0L).containsEntry("codeVersion", "1.0.0").doesNotContainKey("problems");
    }

    @Test
    void isDownWhenAnExpandThisCodeNeedsFailedPartWay(TestDatabase database, @TempDir Path dir) throws Exception {
        // CREATE INDEX CONCURRENTLY runs outside a transaction, so its failure is recorded as FAILED.
        write(dir, "1.0.0/V1__expand__index_missing_table.sql", "CREATE INDEX CONCURRENTLY i ON no_such_table (id);");
        Tidemark tidemark = tidemark(database, dir, "failed_history");
        assertThatExceptionOfType(TidemarkException.class).isThrownBy(tidemark::migrate);
        Health health = new TidemarkHealthIndicator(tidemark, null).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("failed", 1L);
        assertThat(health.getDetails().get("problems")).asString()
            .contains("EXPAND migrations this code needs are not applied: V1 expand \"index missing table\"");
    }

    @Test
    void isDownWhenANewerReleasesContractRanWhileThisOlderCodeKeepsRunning(TestDatabase database, @TempDir Path dir)
            throws Exception {
        Path older = dir.resolve("release-1");
        Path newer = dir.resolve("release-2");
        write(older, "1.0.0/V1__expand__create_t.sql", "CREATE TABLE t (id bigint, legacy text);");
        write(newer, "1.0.0/V1__expand__create_t.sql", "CREATE TABLE t (id bigint, legacy text);");
        write(newer, "2.0.0/V2__contract__drop_legacy.sql", "ALTER TABLE t DROP COLUMN legacy;");
        Tidemark running = tidemark(database, older, "ahead_history");
        running.migrate();
        // An operator forces release 2's CONTRACT while this 1.0.0 instance still serves.
        new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("2.0.0")
            .locations("filesystem:" + newer).historyTable("ahead_history").build()).applyDeferred("test");
        Health health = new TidemarkHealthIndicator(running, null).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("problems")).asString()
            .contains("the schema is ahead of code version 1.0.0").contains("V2 contract \"drop legacy\"");
    }

    @Test
    void staysUpWhenAMigrateFailedAndShowsTheFailureInTheDetails(TestDatabase database, @TempDir Path dir)
            throws Exception {
        write(dir, "1.0.0/V1__expand__create_t.sql", "CREATE TABLE t_migrate (id bigint);");
        // VACUUM runs outside a transaction, so the failure is recorded as a FAILED row.
        write(dir, "1.0.0/V2__migrate__vacuum_missing.sql", "VACUUM no_such_table;");
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("2.0.0")
            .locations("filesystem:" + dir).historyTable("migrate_failed_history").build());
        assertThatExceptionOfType(TidemarkException.class).isThrownBy(tidemark::migrate);
        Health health = new TidemarkHealthIndicator(tidemark, null).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("failed", 1L).doesNotContainKey("problems");
        assertThat(health.getDetails().get("backgroundErrors")).asString()
            .contains("failed: V2 migrate \"vacuum missing\" of release 1.0.0");
    }

    @Test
    void isUnknownNotDownWhenTheHistoryCannotBeRead(@TempDir Path dir) {
        Tidemark tidemark = new Tidemark(TidemarkConfiguration.builder()
            .dataSource(new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.postgresql.Driver(),
                    "jdbc:postgresql://127.0.0.1:1/unreachable"))
            .codeVersion("1.0.0").locations("filesystem:" + dir).build());
        Health health = new TidemarkHealthIndicator(tidemark, null).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails().get("error")).asString().startsWith("Could not read the migration history");
    }

    private static Tidemark tidemark(TestDatabase database, Path dir, String history) {
        return new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .locations("filesystem:" + dir).historyTable(history).build());
    }

    private static void write(Path dir, String name, String sql) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

}
