package dev.tidemark.autoconfigure.lint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** Startup with the safety linter on: pending migrations are judged before any is applied. */
@WithPostgres
@ExtendWith(OutputCaptureExtension.class)
class LintStartupTests {

    private static final String UNSAFE = "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();\n"
            + "CREATE INDEX orders_total_idx ON orders (total);\n";

    @BeforeEach
    void emptyDatabase(TestDatabase database) {
        database.resetSchema();
    }

    @Test
    void anUnsafeMigrationFailsStartupWithTheRuleFileLineAndSafeAlternativeAndNothingIsApplied(TestDatabase database,
            @TempDir Path dir, CapturedOutput output) throws Exception {
        write(dir, "1.0.0/V1__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total int);");
        write(dir, "1.0.0/V2__expand__token_and_index.sql", "-- release 1.0.0 adds a token\n" + UNSAFE);
        assertThatException().isThrownBy(() -> start(database, dir).close());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Tidemark's safety linter stopped startup before any migration was applied")
            .contains("volatile-default at 1.0.0/V2__expand__token_and_index.sql line 2")
            .contains("index-not-concurrent at 1.0.0/V2__expand__token_and_index.sql line 3")
            .contains("ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();")
            .contains("CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);")
            .contains("-- tidemark:allow <rule-id> <reason>")
            .contains("tidemark.lint.mode=warn");
        // The linter runs before anything is applied: not even V1, which is safe, ran.
        assertThat(Sql.tables(database)).doesNotContain("orders");
    }

    @Test
    void inWarnModeTheFindingsAreLoggedAndTheMigrationsApplied(TestDatabase database, @TempDir Path dir,
            CapturedOutput output) throws Exception {
        write(dir, "1.0.0/V1__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total int);");
        write(dir, "1.0.0/V2__expand__token_and_index.sql", UNSAFE);
        start(database, dir, "tidemark.lint.mode=warn").close();
        assertThat(output).contains("Tidemark lint: 2 migration(s), 2 error(s)")
            .contains("ERROR volatile-default: 1.0.0/V2__expand__token_and_index.sql line 1");
        assertThat(Sql.appliedVersions(database)).containsExactly("1", "2");
    }

    @Test
    void aSuppressedFindingWithItsReasonStartsAndAnAppliedUnsafeMigrationNeverBlocksALaterStart(TestDatabase database,
            @TempDir Path dir) throws Exception {
        write(dir, "1.0.0/V1__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total int);");
        write(dir, "1.0.0/V2__expand__index.sql", "-- tidemark:allow index-not-concurrent orders is tiny everywhere\n"
                + "CREATE INDEX orders_total_idx ON orders (total);\n");
        start(database, dir).close();
        assertThat(Sql.appliedVersions(database)).containsExactly("1", "2");

        // Applied with the linter off; the next start with it on has nothing pending and must not judge history.
        write(dir, "1.0.0/V3__expand__token.sql", "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();");
        start(database, dir, "tidemark.lint.mode=off").close();
        start(database, dir).close();
        assertThat(Sql.appliedVersions(database)).containsExactly("1", "2", "3");
    }

    @Test
    void anUnknownRuleInTheSeverityPropertiesIsReportedOnTheProperty(TestDatabase database, @TempDir Path dir,
            CapturedOutput output) throws Exception {
        write(dir, "1.0.0/V1__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
        assertThatException().isThrownBy(() -> start(database, dir, "tidemark.lint.rules.no-such-rule=error").close());
        assertThat(output).contains("APPLICATION FAILED TO START").contains("tidemark.lint.rules")
            .contains("names the unknown rule 'no-such-rule'");
    }

    @Test
    void aRuleSetToWarningByPropertyNoLongerStopsStartup(TestDatabase database, @TempDir Path dir) throws Exception {
        write(dir, "1.0.0/V1__expand__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total int);");
        write(dir, "1.0.0/V2__expand__index.sql", "CREATE INDEX orders_total_idx ON orders (total);");
        start(database, dir, "tidemark.lint.rules.index-not-concurrent=warning").close();
        assertThat(Sql.appliedVersions(database)).containsExactly("1", "2");
    }

    private static ConfigurableApplicationContext start(TestDatabase database, Path dir, String... properties) {
        SpringApplication application = new SpringApplication(LintTestApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(), "--tidemark.locations=filesystem:" + dir,
                "--tidemark.code-version=1.0.0", "--spring.main.banner-mode=off"));
        for (String property : properties) {
            args.add("--" + property);
        }
        return application.run(args.toArray(String[]::new));
    }

    private static void write(Path dir, String name, String sql) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, TidemarkLintAutoConfiguration.class,
            TidemarkAutoConfiguration.class })
    static class LintTestApplication {

    }

}
