package org.stackbridge.ncip;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The NCIP listener's layers: the HTTP server (per-connection glue) calls the services, services call the
 * mappers, mappers translate to and from core; the codec and the settings are used from above and use
 * nothing of ours. A lower layer never imports a higher one, and no Camel.
 */
class NcipArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stackbridge.ncip");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.stackbridge.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("org.stackbridge..").withOptionalLayers(true)
                .layer("Server").definedBy("org.stackbridge.ncip.server..")
                .layer("Service").definedBy("org.stackbridge.ncip.service..")
                .layer("Mapping").definedBy("org.stackbridge.ncip.mapping..")
                .layer("Codec").definedBy("org.stackbridge.ncip.codec..")
                .layer("Config").definedBy("org.stackbridge.ncip.config..")
                .layer("Core").definedBy("org.stackbridge.core..")
                .whereLayer("Server").mayNotBeAccessedByAnyLayer()
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Server")
                .whereLayer("Mapping").mayOnlyBeAccessedByLayers("Server", "Service")
                .whereLayer("Codec").mayOnlyBeAccessedByLayers("Server", "Service", "Mapping")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Server", "Service")
                .whereLayer("Core").mayOnlyBeAccessedByLayers("Server", "Service", "Mapping")
                .check(classes);
    }

    @Test
    void noCamel() {
        noClasses().that().resideInAPackage("org.stackbridge.ncip..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .check(classes);
    }

    @Test
    void generatedBindingIsUsedOnlyFromCodecMappingAndService() {
        noClasses().that().resideInAPackage("org.stackbridge.ncip..")
                .and().resideOutsideOfPackages("org.stackbridge.ncip.binding..", "org.stackbridge.ncip.codec..",
                        "org.stackbridge.ncip.mapping..", "org.stackbridge.ncip.service..")
                .should().dependOnClassesThat().resideInAPackage("org.stackbridge.ncip.binding..")
                .check(classes);
    }
}
