package dev.tidemark.autoconfigure.aot;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import dev.tidemark.autoconfigure.TidemarkAutoConfiguration;
import dev.tidemark.autoconfigure.actuate.TidemarkEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke test of native-image support without a native build: Spring's AOT processing of a context with
 * Tidemark's auto-configuration registers the hints a native image needs.
 */
class TidemarkRuntimeHintsTests {

    // tidemark.url satisfies the auto-configuration's condition without a DataSource bean: AOT processing
    // generates code for bean definitions and cannot for the supplier beans tests usually register.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class))
        .withPropertyValues("tidemark.code-version=1.0.0", "tidemark.url=jdbc:postgresql://127.0.0.1:1/never-connected");

    @Test
    void aotProcessingRegistersTheDefaultMigrationFolderAndTheEndpointsAnswer() {
        this.runner.prepare((context) -> {
            RuntimeHints hints = processAheadOfTime(context.getSourceApplicationContext(GenericApplicationContext.class));
            assertThat(RuntimeHintsPredicates.resource().forResource("db/migration")).accepts(hints);
            assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/2.0.0/V3__expand__add_full_name.sql"))
                .accepts(hints);
            assertThat(RuntimeHintsPredicates.reflection().onType(TidemarkEndpoint.ApplyDeferredDescriptor.class))
                .accepts(hints);
            assertThat(RuntimeHintsPredicates.resource().forResource("db/other/1.0.0/V1__expand__x.sql")).rejects(hints);
        });
    }

    @Test
    void aotProcessingRegistersTheConfiguredClasspathLocations() {
        this.runner.withPropertyValues("tidemark.locations=classpath:/db/other/,filesystem:/opt/sql").prepare((context) -> {
            RuntimeHints hints = processAheadOfTime(context.getSourceApplicationContext(GenericApplicationContext.class));
            assertThat(RuntimeHintsPredicates.resource().forResource("db/other")).accepts(hints);
            assertThat(RuntimeHintsPredicates.resource().forResource("db/other/1.0.0/V1__expand__x.sql")).accepts(hints);
        });
    }

    private static RuntimeHints processAheadOfTime(GenericApplicationContext context) {
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get(TidemarkRuntimeHintsTests.class)), new InMemoryGeneratedFiles());
        new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        return generation.getRuntimeHints();
    }

}
