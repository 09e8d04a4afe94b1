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
    void isUpWithPendingCountsBeforeAnythingRan(TestDatabase database, @TempDir Path dir) throws Exception {
        write(dir, "1.0.0/V1__expand__create_t.sql", "CREATE TABLE t (id bigint);");
        Health health = new TidemarkHealthIndicator(tidemark(database, dir, "up_history"), null).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("pending", 1L).containsEntry("applied", 0L)
            .containsEntry("deferred", 0L).containsEntry("codeVersion", "1.0.0");
    }

    @Test
    void isDownWhenAMigrationFailedPartWay(TestDatabase database, @TempDir Path dir) throws Exception {
        // CREATE INDEX CONCURRENTLY runs outside a transaction, so its failure is recorded as FAILED.
        write(dir, "1.0.0/V1__expand__index_missing_table.sql", "CREATE INDEX CONCURRENTLY i ON no_such_table (id);");
        Tidemark tidemark = tidemark(database, dir, "failed_history");
        assertThatExceptionOfType(TidemarkException.class).isThrownBy(tidemark::migrate);
        Health health = new TidemarkHealthIndicator(tidemark, null).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("failed", 1);
        assertThat(health.getDetails().get("problems")).asString().contains("V1 expand \"index missing table\"");
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
