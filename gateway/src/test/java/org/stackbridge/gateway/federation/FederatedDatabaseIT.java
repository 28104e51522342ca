package org.stackbridge.gateway.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.Storage;
import org.stackbridge.gateway.ZebraServer;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.importer.MarcImporter;
import org.stackbridge.gateway.importer.Progress;
import org.stackbridge.z3950.interop.InteropTools;

/**
 * The federated virtual database through the whole gateway, with yaz-client, zoomsh and SRU as clients. The remote
 * targets: a second Stackbridge (over Z39.50 and over SRU), Zebra (when installed), a closed port and a port that
 * accepts but never answers. Each test skips with a message when the YAZ programs are missing.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederatedDatabaseIT {

    private static final String ISBN = "1562827545";

    @TempDir
    static Path dir;
    Gateway remote;
    Gateway front;
    ZebraServer zebra;
    ServerSocket silent;
    boolean withZebra;

    @BeforeAll
    void start() throws Exception {
        Path remoteData = dir.resolve("remote");
        ConfigLoader.Loaded loaded = new ConfigLoader().load(Path.of("..", "conf", "stackbridge.yaml"), Map.of(),
                List.of("data-dir=" + remoteData, "listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0"));
        try (TransactionRunner storage = Storage.open(loaded.config(), remoteData)) {
            new MarcImporter(storage, bib -> { }).run(Path.of("src/test/resources/marc/01-zebra-sample.utf8.mrc"),
                    new Progress(System.err, false, 100, "records"));
        }
        Clock clock = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);
        remote = new Gateway(loaded, clock).start();
        int port = remote.z3950().port();
        try {
            zebra = ZebraServer.start(dir.resolve("zebra"));
            withZebra = true;
        } catch (org.opentest4j.TestAbortedException e) {
            System.err.println(e.getMessage());
        }
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        List<String> conf = new ArrayList<>(List.of(
                "data-dir: " + dir.resolve("front"),
                "federation:",
                "  database-name: Federated",
                "  max-records-per-target: 5",
                "  targets:",
                "    neighbour: {type: z3950, host: 127.0.0.1, port: " + port + ", database: Default, timeout-seconds: 5}",
                "    neighbour-sru: {type: sru, url: \"http://127.0.0.1:" + port + "/Default\", timeout-seconds: 5}",
                "    dead: {type: z3950, host: 127.0.0.1, port: " + dead + ", timeout-seconds: 2}",
                "    silent: {type: z3950, host: 127.0.0.1, port: " + silent.getLocalPort() + ", timeout-seconds: 1}"));
        if (withZebra) {
            conf.add("    zebra: {type: z3950, host: 127.0.0.1, port: " + zebra.port() + ", database: Default, timeout-seconds: 5}");
        }
        Path frontConf = dir.resolve("front.yaml");
        Files.writeString(frontConf, String.join("\n", conf) + "\n");
        front = new Gateway(new ConfigLoader().load(frontConf, Map.of(),
                List.of("listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0")), clock).start();
    }

    @AfterAll
    void stop() throws IOException {
        if (front != null) {
            front.close();
        }
        if (remote != null) {
            remote.close();
        }
        if (zebra != null) {
            zebra.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    private static void yazInstalled() {
        InteropTools.requireTools("yaz-client", "zoomsh");
    }

    private static String run(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timeout: " + command);
        String s = new String(out, StandardCharsets.UTF_8);
        System.out.println(command + " ->\n" + s);
        return s;
    }

    private String yaz(String... lines) throws Exception {
        StringBuilder script = new StringBuilder("open tcp:127.0.0.1:" + front.z3950().port() + "\nbase Federated\n");
        for (String l : lines) {
            script.append(l).append('\n');
        }
        return run(List.of("yaz-client", "-q"), script.append("quit\n").toString());
    }

    private static void contains(String out, String... expected) {
        for (String e : expected) {
            assertTrue(out.contains(e), () -> "expected '" + e + "' in:\n" + out);
        }
    }

    private static int count(String out, String s) {
        return out.split(Pattern.quote(s), -1).length - 1;
    }

    /** The hits of a query on the second Stackbridge alone, asked directly. */
    private String direct(String query) throws Exception {
        return run(List.of("yaz-client", "-q"), "open tcp:127.0.0.1:" + remote.z3950().port() + "\nfind " + query + "\nquit\n");
    }

    private static int hits(String yazOut) {
        Matcher m = Pattern.compile("Number of hits: (\\d+)").matcher(yazOut);
        assertTrue(m.find(), yazOut);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void yazClientGetsTheMergedHitsAndOneDiagnosticPerFailedTarget() throws Exception {
        yazInstalled();
        int local = hits(direct("@attr 1=4 computer"));
        assertTrue(local > 5, "sample has " + local + " computer titles");
        String out = yaz("find @attr 1=4 computer", "format usmarc", "show 1+4", "format xml", "elements marcxml", "show 5");

        contains(out, "Search was a success.", "Diagnostic message(s) from database:", "[109]", "dead", "silent");
        int zebraHits = withZebra ? hits(run(List.of("yaz-client", "-q"),
                "open tcp:127.0.0.1:" + zebra.port() + "\nfind @attr 1=4 computer\nquit\n")) : 0;
        assertEquals(2 * local + zebraHits, hits(out), "neighbour + neighbour-sru + zebra");
        // records carry their source: 970 $a in MARC and MARCXML
        contains(out, "970    $a neighbour", "970    $a neighbour-sru", "<datafield tag=\"970\"", "[neighbour]Record type: USmarc",
                "[neighbour-sru]Record type: USmarc");
        if (withZebra) {
            contains(out, "970    $a zebra");
        }
    }

    @Test
    void zebraAndTheNeighbourBothFindTheIsbn() throws Exception {
        yazInstalled();
        InteropTools.requireThat(withZebra, "Zebra not installed");
        String out = yaz("find @attr 1=7 " + ISBN, "format usmarc", "show 1+3");
        contains(out, "Search was a success.", "Number of hits: 3", "970    $a zebra", "970    $a neighbour", "970    $a neighbour-sru",
                "The late shift");
    }

    @Test
    void aPresentBeyondTheFetchedRecordsIsADiagnosticAndTheAssociationStays() throws Exception {
        yazInstalled();
        String out = yaz("find @attr 1=4 computer", "show 26", "show 1000", "scan @attr 1=4 computer", "find @attr 1=4 computer");
        contains(out, "[13]", "only the first", "of a federated result set can be presented", "[109]", "scan is not offered");
        assertEquals(2, count(out, "Search was a success."), out);
    }

    @Test
    void whenEveryTargetFailsTheSearchFails() throws Exception {
        yazInstalled();
        // a use attribute no target knows: the Stackbridges answer 114, and the dead/silent ones fail
        String out = yaz("find @attr 1=9999 x");
        contains(out, "Search was a bloomin' failure.", "[109]", "114");
    }

    @Test
    void zoomshSearchesTheVirtualDatabase() throws Exception {
        yazInstalled();
        String out = run(List.of("zoomsh", "connect 127.0.0.1:" + front.z3950().port() + "/Federated",
                "search @attr 1=7 " + ISBN, "show 0 2", "quit"), null);
        // ZOOM reports the first non-surrogate diagnostic of the search as an error on the connection, and still
        // presents the merged set, each record named by its source (NamePlusRecord database name)
        contains(out, "Database unavailable (Bib-1:109)", "dead", "database=neighbour syntax=USmarc", "database=neighbour-sru syntax=USmarc",
                "The late shift");
    }

    @Test
    void sruServesTheVirtualDatabaseToo() throws Exception {
        String q = URLEncoder.encode("bath.isbn=" + ISBN, StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + front.httpPort() + "/sru/Federated?version=1.2&operation=searchRetrieve&maximumRecords=10&query=" + q))
                .timeout(java.time.Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        String body = r.body();
        System.out.println(body);
        contains(body, "<zs:numberOfRecords>" + (withZebra ? 3 : 2) + "</zs:numberOfRecords>", "<subfield code=\"a\">neighbour</subfield>",
                "<subfield code=\"a\">neighbour-sru</subfield>", "info:srw/diagnostic/1/2", "<diag:details>dead</diag:details>",
                "<diag:details>silent</diag:details>");
    }
}
