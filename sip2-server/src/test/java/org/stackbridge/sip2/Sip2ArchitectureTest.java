package org.stackbridge.sip2;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The SIP2 module's layers, lowest first: wire (spec, message, codec) → session (per-connection state, terminal
 * profiles) → mapping (code tables, on core) → handler (one per message family) → server (Netty glue, wiring).
 * The client sits beside the server and uses the wire layer and the mapping's formats only.
 */
@AnalyzeClasses(packages = "org.stackbridge.sip2", importOptions = ImportOption.DoNotIncludeTests.class)
class Sip2ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.stackbridge.sip2.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersOnlyDependDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Server").definedBy("org.stackbridge.sip2.server..")
            .layer("Client").definedBy("org.stackbridge.sip2.client..")
            .layer("Handler").definedBy("org.stackbridge.sip2.handler..")
            .layer("Mapping").definedBy("org.stackbridge.sip2.mapping..")
            .layer("Session").definedBy("org.stackbridge.sip2.session..")
            .layer("Wire").definedBy("org.stackbridge.sip2.codec..", "org.stackbridge.sip2.spec..", "org.stackbridge.sip2.message..")
            .whereLayer("Server").mayNotBeAccessedByAnyLayer()
            .whereLayer("Client").mayNotBeAccessedByAnyLayer()
            .whereLayer("Handler").mayOnlyBeAccessedByLayers("Server")
            .whereLayer("Mapping").mayOnlyBeAccessedByLayers("Handler", "Server", "Client")
            .whereLayer("Session").mayOnlyBeAccessedByLayers("Mapping", "Handler", "Server");

    @ArchTest
    static final ArchRule handlersDoNotTouchNetty = noClasses().that().resideInAnyPackage("org.stackbridge.sip2.handler..",
                    "org.stackbridge.sip2.mapping..", "org.stackbridge.sip2.session..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    @ArchTest
    static final ArchRule noCamel = noClasses().that().resideInAPackage("org.stackbridge.sip2..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.camel..");
}
