package org.stackbridge.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The staff console is a listener module like the staff API: core, Netty, Jersey and its templates, and the staff API's
 * authentication; never Camel, JDBC, the adapters or the gateway. Business rules stay in core: the console reaches
 * the engine only through the circulation port.
 */
class ConsoleArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stackbridge");
    }

    @Test
    void theConsoleNeverUsesCamelJdbcAdaptersTheGatewayOrOtherListeners() {
        noClasses().that().resideInAPackage("org.stackbridge.staff.console..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "java.sql..", "org.stackbridge.adapter..",
                        "org.stackbridge.gateway..", "org.stackbridge.sip2..", "org.stackbridge.ncip..", "org.stackbridge.z3950..",
                        "org.stackbridge.core.service..")
                .check(classes);
    }

    @Test
    void theStaffApiDoesNotDependOnTheConsole() {
        noClasses().that().resideInAPackage("org.stackbridge.staff..").and().resideOutsideOfPackage("org.stackbridge.staff.console..")
                .should().dependOnClassesThat().resideInAPackage("org.stackbridge.staff.console..")
                .check(classes);
    }

    @Test
    void onlyTheConsoleUsesTheTemplateEngine() {
        noClasses().that().resideOutsideOfPackage("org.stackbridge.staff.console..")
                .should().dependOnClassesThat().resideInAPackage("gg.jte..")
                .check(classes);
    }
}
