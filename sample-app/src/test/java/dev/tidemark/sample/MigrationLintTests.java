package dev.tidemark.sample;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.TidemarkLint;

/** The sample's migrations pass Tidemark's safety linter: the test every project can copy. */
class MigrationLintTests {

    @Test
    void migrationsPassTheSafetyLinter() {
        TidemarkLint.offline("classpath:db/migration").lint().assertClean();
    }

}
