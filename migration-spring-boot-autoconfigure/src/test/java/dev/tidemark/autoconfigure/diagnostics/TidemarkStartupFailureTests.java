package dev.tidemark.autoconfigure.diagnostics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.TidemarkMigrationStrategy;
import dev.tidemark.migration.Tidemark;
import dev.tidemark.migration.TidemarkConfiguration;
import dev.tidemark.migration.internal.history.HistoryTable;
import dev.tidemark.migration.internal.lock.AdvisoryLock;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** What a user sees when startup fails: Spring Boot's "APPLICATION FAILED TO START" report. */
@WithPostgres
@ExtendWith(OutputCaptureExtension.class)
class TidemarkStartupFailureTests {

    @Test
    void anUnparsableDurationNamesThePropertyAndItsValue(TestDatabase database, @TempDir Path dir, CapturedOutput output)
            throws Exception {
        write(dir, "1.0.0/V1__expand__t.sql", "CREATE TABLE t (id bigint);");
        start(database, dir, "tidemark.lock-timeout=banana");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Failed to bind properties under 'tidemark.lock-timeout' to java.time.Duration")
            .contains("Value: \"banana\"")
            .contains("Update your application's configuration");
    }

    @Test
    void aNegativeDurationNamesThePropertyItsValueAndTheFileAndLineThatSetIt(TestDatabase database, @TempDir Path dir,
            CapturedOutput output) throws Exception {
        write(dir, "1.0.0/V1__expand__t.sql", "CREATE TABLE t (id bigint);");
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("application.yml"), "tidemark:\n  lock-timeout: -1s\n");
        start(database, dir, "spring.config.additional-location=file:" + config + "/");
        assertThat(output).contains("APPLICATION FAILED TO START")
            // Spring Boot's report names the bound field and its converted value, and the origin as written.
            .contains("Property: tidemark.lockTimeout")
            .contains("Value: \"PT-1S\"")
            .contains("Origin: URL [file:" + config + "/application.yml] - 2:17")
            .contains("Reason: must be at least 1ms but was PT-1S");
    }

    @Test
    void aBadValueOnTheCommandLineIsReportedLikeABindingFailure(TestDatabase database, @TempDir Path dir,
            CapturedOutput output) throws Exception {
        write(dir, "1.0.0/V1__expand__t.sql", "CREATE TABLE t (id bigint);");
        start(database, dir, "tidemark.heartbeat-interval=10s", "tidemark.instance-stale-timeout=5s");
        assertThat(output).contains("Property: tidemark.instanceStaleTimeout")
            .contains("Origin: \"tidemark.instance-stale-timeout\" from property source \"commandLineArgs\"")
            .contains("must be longer than heartbeatInterval (PT10S)");
    }

    @Test
    void aMissingCodeVersionSaysWhereToSetIt(TestDatabase database, @TempDir Path dir, CapturedOutput output)
            throws Exception {
        write(dir, "1.0.0/V1__expand__t.sql", "CREATE TABLE t (id bigint);");
        start(database, dir, "tidemark.code-version=");
        assertThat(output).contains("Tidemark needs the version of the code this instance runs and found none")
            .contains("Set tidemark.code-version to the version of this build");
    }

    @Test
    void aChecksumMismatchNamesTheFileAndSaysHowToRecover(TestDatabase database, @TempDir Path dir,
            CapturedOutput output) throws Exception {
        write(dir, "1.0.0/V1__expand__create_orders.sql", "CREATE TABLE orders (id bigint);");
        new Tidemark(TidemarkConfiguration.builder().dataSource(database).codeVersion("1.0.0")
            .locations("filesystem:" + dir).historyTable("checksum_history").build()).migrate();
        write(dir, "1.0.0/V1__expand__create_orders.sql", "CREATE TABLE orders (id bigint, total numeric);");
        start(database, dir, "tidemark.history-table=checksum_history");
        assertThat(output).contains("Tidemark refused to start because an applied migration was changed")
            .contains("V1__expand__create_orders.sql")
            .contains("Restore 1.0.0/V1__expand__create_orders.sql to the content it had when it was applied");
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the block; its variable is unused
    void aLockWaitTimeoutNamesTheHolderAndHowToEndIt(TestDatabase database, @TempDir Path dir, CapturedOutput output)
            throws Exception {
        write(dir, "1.0.0/V1__expand__t.sql", "CREATE TABLE t (id bigint);");
        // Another "instance" holds the migration lock of this history table for the whole test.
        String history = new HistoryTable("public", "locked_history").qualifiedName();
        try (AdvisoryLock.Held held = new AdvisoryLock(database, history).acquire(java.time.Duration.ofMillis(50),
                java.time.Duration.ofSeconds(5))) {
            start(database, dir, "tidemark.history-table=locked_history", "tidemark.lock-wait-timeout=1s",
                    "tidemark.lock-poll-interval=100ms");
        }
        assertThat(output).contains("Tidemark could not take the migration lock, which another session holds")
            .contains("Gave up waiting for the migration lock on " + history)
            .contains("pg_terminate_backend");
    }

    @Test
    void aMissingLocationNamesItAndTheOptOutProperty(TestDatabase database, @TempDir Path dir, CapturedOutput output) {
        Path absent = dir.resolve("absent");
        start(database, absent);
        assertThat(output).contains("Invalid Tidemark configuration:")
            .contains("'filesystem:" + absent + "', which does not exist")
            .contains("tidemark.fail-on-missing-locations")
            .contains("Update tidemark.locations in your application's configuration.");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheFileTheLineAndTheEncodingProperty(TestDatabase database, @TempDir Path dir,
            CapturedOutput output) throws Exception {
        Path file = dir.resolve("1.0.0/V1__expand__t.sql");
        Files.createDirectories(file.getParent());
        Files.write(file, "-- tables\n-- for the café\nCREATE TABLE t (id bigint);".getBytes(StandardCharsets.ISO_8859_1));
        start(database, dir);
        assertThat(output).contains("Tidemark could not read a migration, so nothing was migrated")
            .contains("Migration 1.0.0/V1__expand__t.sql (line 2): is not valid UTF-8")
            .contains("tidemark.encoding");
    }

    private static void start(TestDatabase database, Path dir, String... properties) {
        SpringApplication application = new SpringApplication(FailureTestApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(), "--tidemark.locations=filesystem:" + dir,
                "--spring.main.banner-mode=off"));
        for (String property : properties) {
            args.add("--" + property);
        }
        if (args.stream().noneMatch((arg) -> arg.startsWith("--tidemark.code-version="))) {
            args.add("--tidemark.code-version=1.0.0");
        }
        assertThatException().isThrownBy(() -> application.run(args.toArray(String[]::new)).close());
    }

    private static void write(Path dir, String name, String sql) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, TidemarkAutoConfiguration.class })
    static class FailureTestApplication {

        // migrate() validates and locks like expand() will; it keeps these tests independent of the phases work.
        @Bean
        TidemarkMigrationStrategy migrateEverything() {
            return Tidemark::migrate;
        }

    }

}
