package org.stackbridge.adapter.catalogue.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalogue adapter implements core ports on Lucene and marc4j: core only, no cycles, no protocol or Camel code. */
class CatalogueArchitectureTest {

    private static JavaClasses catalogue;

    @BeforeAll
    static void importCatalogue() {
        catalogue = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stackbridge.adapter.catalogue");
    }

    @Test
    void theRulesSeeTheIndex() {
        assertTrue(catalogue.contain("org.stackbridge.adapter.catalogue.LuceneCatalogueIndex"));
        assertTrue(catalogue.contain("org.stackbridge.adapter.catalogue.Bib1QueryTranslation"));
    }

    @Test
    void cataloguePackagesAreFreeOfCycles() {
        slices().matching("org.stackbridge.adapter.(**)").should().beFreeOfCycles().check(catalogue);
    }

    @Test
    void theAdapterImportsCoreOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.stackbridge.z3950..", "org.stackbridge.sip2..",
                        "org.stackbridge.ncip..", "org.stackbridge.gateway..", "org.stackbridge.adapter.memory..",
                        "io.netty..", "org.apache.camel..")
                .because("adapters import core only (style guide §2)")
                .check(catalogue);
    }
}
