package dev.tidemark.migration;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A location that does not exist is a configuration error the moment the configuration is used, not a
 * silent "no migrations" that starts the application on an empty schema. A {@code classpath:} location
 * does not exist when no class path root holds its folder; a {@code filesystem:} one when its folder
 * does not exist. An existing, empty folder is fine, and {@code failOnMissingLocations(false)} lets an
 * application without migrations yet start.
 */
@WithPostgres
class MissingLocationTests {

    private final TestDatabase database;

    MissingLocationTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase() {
        this.database.resetSchema();
    }

    @Test
    void missingClasspathLocationFailsEveryCommandNamingTheLocationAndTheOptOut() {
        Tidemark tidemark = new Tidemark(configuration().locations("classpath:db/migraton").build());
        assertFailsNaming(tidemark, "classpath:db/migraton");
    }

    @Test
    void missingFilesystemLocationFailsEveryCommandNamingTheLocationAndTheOptOut(@TempDir Path dir) {
        String location = "filesystem:" + dir.resolve("sql");
        Tidemark tidemark = new Tidemark(configuration().locations(location).build());
        assertFailsNaming(tidemark, location);
    }

    @Test
    void oneMissingLocationAmongExistingOnesFailsNamingOnlyIt(@TempDir Path dir) {
        String missing = "filesystem:" + dir.resolve("absent");
        Tidemark tidemark = new Tidemark(configuration().locations("classpath:db/migration", missing).build());
        assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(tidemark::migrate)
            .withMessageContaining("'" + missing + "'")
            .withMessageNotContaining("classpath:db/migration");
        assertThat(Sql.tables(this.database)).isEmpty();
    }

    @Test
    void filesystemLocationThatIsAFileIsAnErrorEvenWithTheOptOut(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("V1__expand__x.sql"), "SELECT 1;");
        Tidemark tidemark = new Tidemark(configuration().locations("filesystem:" + file).failOnMissingLocations(false)
            .build());
        assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(tidemark::migrate)
            .satisfies((ex) -> assertThat(ex.option()).isEqualTo("locations"))
            .withMessageContaining("'filesystem:" + file + "'")
            .withMessageContaining("not a folder");
        assertThat(Sql.tables(this.database)).isEmpty();
    }

    @Test
    void existingEmptyFolderIsNoMigrationsNotAnError(@TempDir Path dir) {
        Tidemark tidemark = new Tidemark(configuration().locations("filesystem:" + dir).build());
        assertThat(tidemark.migrate().appliedCount()).isZero();
        assertThat(tidemark.info()).isEmpty();
        tidemark.validate();
    }

    @Test
    void optOutRunsWithoutMigrationsAndPicksUpTheFolderOnceItExists(@TempDir Path dir) {
        Path folder = dir.resolve("sql");
        Tidemark tidemark = new Tidemark(configuration().locations("classpath:db/none", "filesystem:" + folder)
            .failOnMissingLocations(false).build());
        assertThat(tidemark.migrate().appliedCount()).isZero();
        assertThat(tidemark.info()).isEmpty();
        tidemark.validate();

        new MigrationFiles(folder).write("1.0.0/V1__expand__create_notes.sql", "CREATE TABLE notes (id int);");
        assertThat(tidemark.migrate().appliedCount()).isEqualTo(1);
        assertThat(Sql.appliedVersions(this.database)).containsExactly("1");
    }

    private void assertFailsNaming(Tidemark tidemark, String location) {
        for (Runnable command : new Runnable[] { tidemark::migrate, tidemark::info, tidemark::validate }) {
            assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(command::run)
                .satisfies((ex) -> {
                    assertThat(ex.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(ex.option()).isEqualTo("locations");
                })
                .withMessageContaining("option 'locations'")
                .withMessageContaining("'" + location + "'")
                .withMessageContaining("does not exist")
                .withMessageContaining("failOnMissingLocations")
                .withMessageContaining("tidemark.fail-on-missing-locations");
        }
        assertThat(Sql.tables(this.database)).isEmpty();
    }

    private TidemarkConfiguration.Builder configuration() {
        return TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0");
    }

}
