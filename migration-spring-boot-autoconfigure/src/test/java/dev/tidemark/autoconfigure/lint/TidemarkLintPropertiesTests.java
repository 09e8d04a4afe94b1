package dev.tidemark.autoconfigure.lint;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.LintSettings;

import static org.assertj.core.api.Assertions.assertThat;

class TidemarkLintPropertiesTests {

    @Test
    void everyDefaultIsTheCoresDefault() {
        assertThat(new TidemarkLintProperties().settings()).isEqualTo(LintSettings.DEFAULTS);
    }

}
