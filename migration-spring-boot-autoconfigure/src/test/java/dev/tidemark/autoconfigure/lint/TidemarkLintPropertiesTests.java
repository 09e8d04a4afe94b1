package dev.tidemark.autoconfigure.lint;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.LintSettings;

import static org.assertj.core.api.Assertions.assertThat;

class TidemarkLintPropertiesTests {

    @Test
    void everyDefaultIsTheCoresDefault() {
        assertThat(new TidemarkLintProperties().settings()).isEqualTo(LintSettings.DEFAULTS);
    }

    @Test
    void theIdeHintsForRuleSeveritiesNameExactlyTheRules() throws Exception {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/additional-spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String hints = metadata.substring(metadata.indexOf("\"tidemark.lint.rules.keys\""));
        List<String> values = new ArrayList<>();
        Matcher value = Pattern.compile("\"value\": \"([^\"]+)\"").matcher(hints);
        while (value.find()) {
            values.add(value.group(1));
        }
        assertThat(values).containsExactlyElementsOf(LintSettings.ruleDefaults().keySet());
    }

}
