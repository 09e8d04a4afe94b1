package dev.tidemark.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tidemark.testsupport.Sql;
import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Java migrations share one version sequence with SQL files, run in their own transaction, and roll
 * back completely when they throw. SQL files come from the default classpath location here.
 */
@WithPostgres
class JavaMigrationTests {

    private final TestDatabase database;

    JavaMigrationTests(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void startFromAnEmptyDatabase() {
        this.database.resetSchema();
    }

    @Test
    void javaMigrationRunsInVersionOrderWithTheDefaultClasspathLocation() {
        MigrateResult result = tidemark(new SeedCustomers(false)).migrate();

        assertThat(result.applied()).extracting(MigrationInfo::script)
            .containsExactly("1.0.0/V1__expand__create_customers.sql", SeedCustomers.class.getName());
        assertThat(Sql.count(this.database, "SELECT count(*) FROM customers")).isEqualTo(3);
        assertThat(Sql.single(this.database, "SELECT phase || ' ' || release FROM tidemark_history WHERE version = '2'"))
            .isEqualTo("MIGRATE 1.0.0");
    }

    @Test
    void throwingJavaMigrationLeavesNothingBehind() {
        assertThatExceptionOfType(StatementFailedException.class)
            .isThrownBy(() -> tidemark(new SeedCustomers(true)).migrate())
            .withMessageContaining(SeedCustomers.class.getName())
            .withMessageContaining("seed source unavailable");
        assertThat(Sql.count(this.database, "SELECT count(*) FROM customers")).isZero();
        assertThat(Sql.appliedVersions(this.database)).containsExactly("1");
    }

    private Tidemark tidemark(JavaMigration migration) {
        // Code newer than the MIGRATE's release, so the phase rules allow it without a fleet registry.
        return new Tidemark(TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.1.0")
            .javaMigrations(migration).build());
    }

    static final class SeedCustomers implements JavaMigration {

        private final boolean failHalfway;

        SeedCustomers(boolean failHalfway) {
            this.failHalfway = failHalfway;
        }

        @Override
        public String version() {
            return "2";
        }

        @Override
        public Phase phase() {
            return Phase.MIGRATE;
        }

        @Override
        public String release() {
            return "1.0.0";
        }

        @Override
        public String description() {
            return "seed customers";
        }

        @Override
        public void migrate(Connection connection) throws Exception {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO customers VALUES (?, ?)")) {
                for (int id = 1; id <= 3; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "customer " + id);
                    insert.executeUpdate();
                    if (this.failHalfway && id == 2) {
                        throw new IllegalStateException("seed source unavailable");
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE customers");
            }
        }

    }

}
