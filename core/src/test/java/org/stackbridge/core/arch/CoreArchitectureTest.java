package org.stackbridge.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** core is the JDK and slf4j only, reads time only through an injected Clock, and its packages form no cycle. */
class CoreArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stackbridge.core");
    }

    @Test
    void coreClassesWereImported() {
        org.junit.jupiter.api.Assertions.assertTrue(core.contain("org.stackbridge.core.service.CirculationEngine"),
                "the rules below must see the engine");
    }

    @Test
    void coreDependsOnNoTransportStorageOrMetricsLibrary() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.netty..", "org.apache.camel..", "jakarta.xml.bind..", "javax.xml.bind..",
                        "io.micrometer..", "java.sql..", "javax.sql..", "com.zaxxer..", "org.h2..", "org.postgresql..",
                        "org.flywaydb..", "com.fasterxml..", "picocli..")
                .because("core holds the domain and depends on the JDK and slf4j only")
                .check(core);
    }

    @Test
    void coreNeverReadsTheSystemClock() {
        noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.LocalTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .because("time comes from the injected java.time.Clock")
                .check(core);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("org.stackbridge.core.(*)..")
                .should().beFreeOfCycles()
                .because("each core package builds on the ones below it (model < outcome < policy < port < service < ill)")
                .check(core);
    }
}
