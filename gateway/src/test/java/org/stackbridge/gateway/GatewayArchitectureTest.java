package org.stackbridge.gateway;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway's own packages (the root one, routes, bridge, config, cli, admin, ...) depend on each other without cycles. */
class GatewayArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stackbridge.gateway");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.stackbridge.(**)").should().beFreeOfCycles().check(classes);
    }
}
