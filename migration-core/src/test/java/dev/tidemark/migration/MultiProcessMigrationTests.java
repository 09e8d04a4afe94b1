package dev.tidemark.migration;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.MigrationFiles;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four JVM processes migrate one empty database at once: they share nothing but PostgreSQL.
 */
@WithPostgres
class MultiProcessMigrationTests {

    private static final Pattern APPLIED = Pattern.compile("applied=(\\d+)");

    @Test
    void fourProcessesApplyEveryMigrationExactlyOnce(TestDatabase database, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir.resolve("sql"));
        files.write("1.0.0/V1__expand__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text);");
        files.write("1.0.0/V2__expand__slow_seed.sql",
                "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 1000) g;\nSELECT pg_sleep(0.5);");
        files.write("1.0.0/V3__expand__index_names.sql", "CREATE INDEX CONCURRENTLY customers_name ON customers (name);");

        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    MigrateProcess.class.getName(), database.jdbcUrl(), database.user(), database.password(),
                    files.location())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("process-" + i + ".log").toFile())
                .start());
        }
        int totalApplied = 0;
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            String output = java.nio.file.Files.readString(dir.resolve("process-" + i + ".log"), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit code of process %d, output:%n%s", i, output).isZero();
            Matcher matcher = APPLIED.matcher(output);
            assertThat(matcher.find()).as("output of process %d:%n%s", i, output).isTrue();
            totalApplied += Integer.parseInt(matcher.group(1));
        }

        assertThat(totalApplied).isEqualTo(3);
        assertThat(Sql.appliedVersions(database)).containsExactly("1", "2", "3");
        assertThat(Sql.count(database, "SELECT count(*) FROM customers")).isEqualTo(1000);
    }

    private static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

}
