package org.stackbridge.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The staff API is a listener module like the protocol ones: core and Netty (plus Jersey), never Camel or JDBC. */
class StaffApiArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stackbridge");
    }

    @Test
    void staffApiNeverUsesCamelJdbcAdaptersOrOtherListeners() {
        noClasses().that().resideInAPackage("org.stackbridge.staff..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "java.sql..", "org.stackbridge.adapter..",
                        "org.stackbridge.gateway..", "org.stackbridge.sip2..", "org.stackbridge.ncip..", "org.stackbridge.z3950..")
                .check(classes);
    }

    @Test
    void onlyTheStaffApiUsesJerseyAndNothingButTheGatewayUsesTheStaffApi() {
        noClasses().that().resideOutsideOfPackage("org.stackbridge.staff..")
                .should().dependOnClassesThat().resideInAnyPackage("org.glassfish.jersey..", "jakarta.ws.rs..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.stackbridge.core..", "org.stackbridge.adapter..", "org.stackbridge.sip2..",
                        "org.stackbridge.ncip..", "org.stackbridge.z3950..")
                .should().dependOnClassesThat().resideInAPackage("org.stackbridge.staff..")
                .check(classes);
    }
}
