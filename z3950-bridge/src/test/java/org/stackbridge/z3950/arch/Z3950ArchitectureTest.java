package org.stackbridge.z3950.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The listener's strata (style guide §2, James protocols): codec values (ber, pdu) at the bottom; query/record
 * translation over them; per-service handlers (with their session and catalogue access) over those; SRU beside the
 * handlers; the Netty server glue on top; config is read by all three. Lower packages never depend on higher ones,
 * packages form no cycles, and no listener class touches Camel.
 */
class Z3950ArchitectureTest {

    private static JavaClasses listener;

    @BeforeAll
    static void importListener() {
        listener = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stackbridge.z3950");
    }

    @Test
    void theRulesSeeEveryLayer() {
        for (String c : new String[] {"ber.BerFrameDecoder", "pdu.Z3950Decoder", "query.CqlParser", "record.RecordSpec",
                "handler.Z3950Dispatcher", "sru.SruHttpHandler", "server.Z3950Server", "config.Z3950Settings"}) {
            assertTrue(listener.contain("org.stackbridge.z3950." + c), c);
        }
    }

    @Test
    void z3950PackagesAreFreeOfCycles() {
        slices().matching("org.stackbridge.z3950.(*)..").should().beFreeOfCycles().check(listener);
    }

    @Test
    void lowerLayersNeverDependOnHigherOnes() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Codec").definedBy("org.stackbridge.z3950.ber..", "org.stackbridge.z3950.pdu..")
                .layer("Translation").definedBy("org.stackbridge.z3950.query..", "org.stackbridge.z3950.record..")
                .layer("Handler").definedBy("org.stackbridge.z3950.handler..")
                .layer("Sru").definedBy("org.stackbridge.z3950.sru..")
                .layer("Server").definedBy("org.stackbridge.z3950.server..")
                .layer("Config").definedBy("org.stackbridge.z3950.config..")
                .layer("Client").definedBy("org.stackbridge.z3950.client..")
                .whereLayer("Server").mayNotBeAccessedByAnyLayer()
                .whereLayer("Client").mayNotBeAccessedByAnyLayer()
                .whereLayer("Sru").mayOnlyBeAccessedByLayers("Server")
                .whereLayer("Handler").mayOnlyBeAccessedByLayers("Server", "Sru")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Server", "Sru", "Handler")
                .whereLayer("Translation").mayOnlyBeAccessedByLayers("Server", "Sru", "Handler", "Client")
                .whereLayer("Codec").mayOnlyBeAccessedByLayers("Server", "Sru", "Handler", "Translation", "Client")
                .because("the codec emits values, handlers answer them through translation to the core port, "
                        + "and only the server glue knows the pipeline")
                .check(listener);
    }

    @Test
    void theCoreIsReachedOnlyThroughItsApiNotAdapters() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.stackbridge.adapter..", "org.stackbridge.gateway..",
                        "org.stackbridge.sip2..", "org.stackbridge.ncip..")
                .because("listener modules import core only, never adapters, the gateway or each other")
                .check(listener);
    }

    @Test
    void noListenerClassUsesCamel() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .because("listeners call the asynchronous core port; the gateway owns Camel")
                .check(listener);
    }
}
