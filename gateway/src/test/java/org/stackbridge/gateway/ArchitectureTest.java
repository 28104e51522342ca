package org.stackbridge.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module dependency rules of the style guide, checked over every module on the application classpath. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stackbridge");
    }

    @Test
    void coreDependsOnNoFrameworkOrDatabase() {
        noClasses().that().resideInAPackage("org.stackbridge.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "org.apache.camel..", "jakarta.xml.bind..",
                        "io.micrometer..", "java.sql..", "org.stackbridge.adapter..", "org.stackbridge.gateway..",
                        "org.stackbridge.sip2..", "org.stackbridge.ncip..", "org.stackbridge.z3950..")
                .check(classes);
    }

    @Test
    void listenersNeverUseCamelJdbcOrEachOther() {
        noClasses().that().resideInAnyPackage("org.stackbridge.sip2..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "java.sql..", "org.stackbridge.adapter..",
                        "org.stackbridge.gateway..", "org.stackbridge.ncip..", "org.stackbridge.z3950..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.stackbridge.ncip..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "java.sql..", "org.stackbridge.adapter..",
                        "org.stackbridge.gateway..", "org.stackbridge.sip2..", "org.stackbridge.z3950..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.stackbridge.z3950..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "java.sql..", "org.stackbridge.adapter..",
                        "org.stackbridge.gateway..", "org.stackbridge.sip2..", "org.stackbridge.ncip..")
                .check(classes);
    }

    @Test
    void adaptersDependOnCoreOnly() {
        noClasses().that().resideInAPackage("org.stackbridge.adapter..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "org.apache.camel..", "org.stackbridge.gateway..",
                        "org.stackbridge.sip2..", "org.stackbridge.ncip..", "org.stackbridge.z3950..")
                .check(classes);
    }
}
