package org.stackbridge.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.Storage;
import org.stackbridge.gateway.bridge.CamelFederatedSearch;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.importer.MarcImporter;
import org.stackbridge.gateway.importer.Progress;

/**
 * The federated-search route against a second Stackbridge (over Z39.50 and over SRU), a closed port and a
 * target that accepts the connection but never answers.
 */
@Timeout(120)
class FederatedSearchRoutesIT extends CamelTestSupport {

    static Path dir;
    static Gateway remote;
    static ServerSocket silent;
    static int dead;

    @BeforeAll
    static void startRemote() throws Exception {
        dir = Files.createTempDirectory("federated");
        ConfigLoader.Loaded loaded = new ConfigLoader().load(Path.of("..", "conf", "stackbridge.yaml"), Map.of(),
                List.of("data-dir=" + dir, "listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0"));
        try (TransactionRunner storage = Storage.open(loaded.config(), dir)) {
            new MarcImporter(storage, bib -> { }).run(Path.of("src/test/resources/marc/01-zebra-sample.utf8.mrc"),
                    new Progress(System.err, false, 100, "records"));
        }
        remote = new Gateway(loaded, Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC)).start();
        silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
    }

    @AfterAll
    static void stopRemote() throws Exception {
        remote.close();
        silent.close();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        int port = remote.z3950().port();
        return new FederatedSearchRoutes(Map.of(
                "neighbour", new GatewayConfig.Target("z3950", "127.0.0.1", port, "Default", null, 5),
                "neighbour-sru", new GatewayConfig.Target("sru", null, null, null, "http://127.0.0.1:" + port + "/Default", 5),
                "dead", new GatewayConfig.Target("z3950", "127.0.0.1", dead, null, null, 2),
                "silent", new GatewayConfig.Target("z3950", "127.0.0.1", silent.getLocalPort(), null, null, 1)));
    }

    @Test
    void mergesTaggedRecordsAndTurnsFailedTargetsIntoDiagnostics() throws Exception {
        assertEquals(FederatedSearchRoutes.ROUTE_ID, context.getRoute(FederatedSearchRoutes.ROUTE_ID).getRouteId());
        FederatedSearch search = new CamelFederatedSearch(template);

        FederatedSearch.Result r = search.search(new FederatedSearch.Query("title", "computer", 3))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertEquals(Map.of("neighbour", r.hitsPerTarget().get("neighbour"), "neighbour-sru", r.hitsPerTarget().get("neighbour-sru")),
                r.hitsPerTarget());
        int hits = r.hitsPerTarget().get("neighbour");
        assertTrue(hits > 0, "hits " + hits);
        assertEquals(hits, r.hitsPerTarget().get("neighbour-sru"));
        assertEquals(2 * Math.min(hits, 3), r.records().size());
        for (FederatedSearch.Hit h : r.records()) {
            Record rec = new MarcPermissiveStreamReader(new ByteArrayInputStream(h.marc()), true, true).next();
            assertEquals(h.target(), ((DataField) rec.getVariableField("970")).getSubfield('a').getData());
        }
        assertEquals(List.of("dead", "silent"), r.diagnostics().stream().map(FederatedSearch.TargetDiagnostic::target).sorted().toList());
        for (FederatedSearch.TargetDiagnostic d : r.diagnostics()) {
            assertTrue(d.message().contains(d.target().equals("dead") ? "unreachable" : "failed"), d.toString());
        }
    }
}
