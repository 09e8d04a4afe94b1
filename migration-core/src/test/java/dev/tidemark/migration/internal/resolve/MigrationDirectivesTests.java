package dev.tidemark.migration.internal.resolve;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.InvalidMigrationException;
import dev.tidemark.migration.Version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationDirectivesTests {

    @Test
    void headerDirectivesAreRead() {
        MigrationDirectives directives = MigrationDirectives.parse("x.sql", """
                -- Adds the full name.
                -- tidemark:release 2.0.0
                --tidemark:lock-timeout 500ms

                -- tidemark:statement-timeout none
                ALTER TABLE customers ADD COLUMN full_name text;
                """);
        assertThat(directives.release()).isEqualTo(Version.parse("2.0.0"));
        assertThat(directives.lockTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(directives.statementTimeout()).isEqualTo(Duration.ZERO);
    }

    @Test
    void scriptWithoutDirectivesHasNone() {
        assertThat(MigrationDirectives.parse("x.sql", "SELECT 1;")).isEqualTo(MigrationDirectives.NONE);
    }

    @Test
    void directiveAfterTheFirstStatementIsRejectedWithItsLine() {
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> MigrationDirectives.parse("x.sql", "SELECT 1;\n-- tidemark:release 2.0.0\n"))
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
            .withMessageContaining("move it to the comment lines at the top");
    }

    @Test
    void malformedDurationSaysHowToWriteOne() {
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> MigrationDirectives.parse("x.sql", "-- tidemark:lock-timeout 5 seconds\nSELECT 1;"))
            .withMessageContaining("malformed directive");
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> MigrationDirectives.parse("x.sql", "-- tidemark:lock-timeout none\nSELECT 1;"))
            .withMessageContaining("malformed duration 'none'")
            .withMessageContaining("e.g. 5s");
    }

    @Test
    void repeatedDirectiveIsRejected() {
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> MigrationDirectives.parse("x.sql",
                    "-- tidemark:release 2.0.0\n-- tidemark:release 2.1.0\nSELECT 1;"))
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
            .withMessageContaining("given twice");
    }

    @Test
    void malformedReleaseIsRejected() {
        assertThatExceptionOfType(InvalidMigrationException.class)
            .isThrownBy(() -> MigrationDirectives.parse("x.sql", "-- tidemark:release next\nSELECT 1;"))
            .withMessageContaining("malformed release");
    }

}
