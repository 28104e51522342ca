package org.stackbridge.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marc4j.MarcPermissiveStreamReader;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.gateway.bridge.CamelFederatedSearch;
import org.stackbridge.gateway.config.GatewayConfig;

/** The federated-search route with Zebra (the sample MARC file) and a closed port as targets; skips without Zebra. */
class FederatedZebraIT extends CamelTestSupport {

    static Path dir;
    static Process zebra;
    static int zebraPort;
    static int dead;

    private static boolean installed(String program) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, program))) {
                return true;
            }
        }
        return false;
    }

    @BeforeAll
    static void startZebra() throws Exception {
        Assumptions.assumeTrue(installed("zebrasrv") && installed("zebraidx"),
                "Zebra not installed (apt-get install -y idzebra-2.0); skipping the federated search against Zebra");
        Path modules = null;
        for (String d : List.of("/usr/lib/x86_64-linux-gnu/idzebra-2.0/modules", "/usr/lib/aarch64-linux-gnu/idzebra-2.0/modules",
                "/usr/lib/idzebra-2.0/modules", "/usr/lib64/idzebra-2.0/modules")) {
            if (Files.exists(Path.of(d, "mod-dom.so"))) {
                modules = Path.of(d);
            }
        }
        Assumptions.assumeTrue(modules != null, "Zebra DOM filter (mod-dom.so) not found; skipping");
        dir = Files.createTempDirectory("fedzebra");
        for (String f : List.of("dom-config.xml", "bib1-index.xsl", "identity.xsl", "marc2opacxml.xsl", "marc-brief.xsl",
                "marc2sutrs.xsl", "cql2pqf.properties")) {
            Files.writeString(dir.resolve(f), resource("/zebra/" + f));
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            zebraPort = s.getLocalPort();
        }
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Files.writeString(dir.resolve("zebra.cfg"), resource("/zebra/zebra.cfg").replaceAll("(?m)^modulePath:.*$", "modulePath: " + modules));
        Files.writeString(dir.resolve("yazgfs.xml"), resource("/zebra/yazgfs.xml").replaceAll("<listen id=\"public\">[^<]*</listen>",
                "<listen id=\"public\">tcp:127.0.0.1:" + zebraPort + "</listen>"));
        Files.copy(Path.of("src/test/resources/marc/01-zebra-sample.utf8.mrc"), dir.resolve("catalog.mrc"));
        Files.createDirectories(dir.resolve("db"));
        for (List<String> cmd : List.of(List.of("zebraidx", "-c", "zebra.cfg", "init"),
                List.of("zebraidx", "-c", "zebra.cfg", "update", "catalog.mrc"), List.of("zebraidx", "-c", "zebra.cfg", "commit"))) {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("zebraidx.log").toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "zebraidx failed: " + cmd);
        }
        zebra = new ProcessBuilder("zebrasrv", "-f", "yazgfs.xml", "-l", "zebrasrv.log", "-v", "fatal,warn")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("zebrasrv.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", zebraPort), 200);
                break;
            } catch (IOException e) {
                assertTrue(zebra.isAlive() && System.nanoTime() < deadline, "zebrasrv did not start listening");
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopZebra() throws InterruptedException {
        if (zebra != null) {
            zebra.destroy();
            if (!zebra.waitFor(10, TimeUnit.SECONDS)) {
                zebra.destroyForcibly();
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FederatedZebraIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
