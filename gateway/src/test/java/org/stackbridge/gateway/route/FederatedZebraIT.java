package org.stackbridge.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.marc4j.MarcPermissiveStreamReader;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.gateway.ZebraServer;
import org.stackbridge.gateway.bridge.CamelFederatedSearch;
import org.stackbridge.gateway.config.GatewayConfig;

/** The federated-search route with Zebra (the sample MARC file) and a closed port as targets; skips without Zebra. */
@Timeout(120)
class FederatedZebraIT extends CamelTestSupport {

    static ZebraServer zebra;
    static int zebraPort;
    static int dead;

    @BeforeAll
    static void startZebra() throws Exception {
        zebra = ZebraServer.start(Files.createTempDirectory("fedzebra"));
        zebraPort = zebra.port();
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
    }

    @AfterAll
    static void stopZebra() {
        if (zebra != null) {
            zebra.close();
        }
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new FederatedSearchRoutes(Map.of(
                "zebra", new GatewayConfig.Target("z3950", "127.0.0.1", zebraPort, "Default", null, 5),
                "dead", new GatewayConfig.Target("z3950", "127.0.0.1", dead, null, null, 2)));
    }

    @Test
    void zebraRecordsComeBackTaggedAndTheDeadTargetIsADiagnostic() throws Exception {
        FederatedSearch.Result r = new CamelFederatedSearch(template).search(new FederatedSearch.Query("isbn", "1562827545", 5))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertEquals(Map.of("zebra", 1), r.hitsPerTarget(), r.toString());
        assertEquals(1, r.records().size());
        Record rec = new MarcPermissiveStreamReader(new ByteArrayInputStream(r.records().get(0).marc()), true, true).next();
        assertEquals("zebra", ((DataField) rec.getVariableField("970")).getSubfield('a').getData());
        assertTrue(((DataField) rec.getVariableField("245")).getSubfield('a').getData().startsWith("The late shift"), rec.toString());
        assertEquals(1, r.diagnostics().size());
        assertEquals("dead", r.diagnostics().get(0).target());
        assertTrue(r.diagnostics().get(0).message().contains("unreachable"), r.diagnostics().toString());
    }
}
