package dev.tidemark.autoconfigure;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries a reviewer should not have to remember: the core is plain JDBC (no Spring), its
 * {@code internal} packages are its own business, and they depend on each other without cycles. Checked
 * on the compiled production classes of the core and of this module.
 */
class ArchitectureTests {

    private static final String CORE = "dev.tidemark.migration..";

    private static final String INTERNAL = "dev.tidemark.migration.internal..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tidemark");
        // Rules over an empty import would pass vacuously.
        assertThat(classes.contain("dev.tidemark.migration.Tidemark")).isTrue();
        assertThat(classes.contain(TidemarkAutoConfiguration.class)).isTrue();
    }

    @Test
    void theCoreNeverDependsOnSpring() {
        noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .check(classes);
    }

    @Test
    void onlyTheCoreUsesItsInternalPackages() {
        noClasses().that().resideOutsideOfPackage(CORE)
            .should().dependOnClassesThat().resideInAPackage(INTERNAL)
            .check(classes);
    }

    @Test
    void publicApiMethodsNeverExposeInternalTypes() {
        methods().that().arePublic().and().areDeclaredInClassesThat().resideOutsideOfPackage(INTERNAL)
            .and().areDeclaredInClassesThat().arePublic()
            .should().haveRawReturnType(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(INTERNAL)))
            .check(classes);
    }

    @Test
    void internalPackagesHaveNoCycles() {
        slices().matching("dev.tidemark.migration.internal.(*)..").should().beFreeOfCycles().check(classes);
    }

}
