package org.stackbridge.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The benches drive the gateway over its protocols and start it as a separate JVM; only MemoryGateway, the
 * main class such a JVM runs for the in-memory yardstick, is compiled against gateway classes.
 */
class BenchArchitectureTest {

    @Test
    void onlyTheLaunchedMemoryGatewayUsesGatewayClasses() {
        noClasses().that().resideInAPackage("org.stackbridge.bench..")
                .and().doNotHaveFullyQualifiedName(MemoryGateway.class.getName())
                .should().dependOnClassesThat().resideInAPackage("org.stackbridge.gateway..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.stackbridge.bench"));
    }
}
