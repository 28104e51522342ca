package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FixedField;
import org.stackbridge.z3950.interop.InteropTools;

/**
 * Two gateway nodes (each a JVM of its own, as {@code bin/stackbridge serve} runs) on one embedded PostgreSQL behind a
 * real HAProxy (Debian's {@code haproxy}, started here): TCP mode with {@code send-proxy-v2} for SIP2, HTTP mode for
 * the API. Kiosks check items out and in through HAProxy from their own address (127.0.0.2) while node A is stopped
 * with SIGTERM and started again; kiosks dropped with it reconnect through HAProxy to node B and retransmit the request
 * whose answer they lost. Afterwards every acknowledged checkout and check-in is in the database exactly once, no
 * retransmission acted twice, the nodes saw the kiosks' own address, not HAProxy's, and a staff member signed in to the
 * console on node A is still signed in after its restart, on either node and through HAProxy, and so is an API token.
 * The HAProxy configuration is the one {@code docs/deployment.md} shows.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class HaproxyTwoNodesIT {

    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final int TERMINALS = 6;
    private static final int ITEMS_PER_TERMINAL = 12;
    private static final String KIOSK_ADDRESS = "127.0.0.2";
    /** Where HAProxy connects to the nodes from: the only address whose PROXY header they believe. */
    private static final String PROXY_SOURCE = "127.0.0.3";
    private static final String PASSWORD = "correct horse";

    @TempDir
    Path data;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void kiosksKeepCheckingOutThroughHaproxyWhileANodeRestartsAndNothingIsLostOrDoubled() throws Exception {
        InteropTools.requireThat(Files.isExecutable(HAPROXY), "haproxy not installed (apt-get install -y haproxy)");
        String url = TestGateways.freshPostgresUrl();
        Node a = new Node("a", freePorts(3));
        Node b = new Node("b", freePorts(3));
        int[] front = freePorts(2); // sip2, http
        Path configA = a.writeConfig(url);
        b.writeConfig(url);
        seed(configA, a.dir);

        ServeProcess nodeA = a.start();
        ServeProcess nodeB = b.start();
        a.awaitStarted(nodeA);
        b.awaitStarted(nodeB);
        Path haproxyConfig = writeHaproxyConfig(front, a, b);
        Process haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", haproxyConfig.toString())
                .redirectErrorStream(true).redirectOutput(data.resolve("haproxy.log").toFile()).start();
        running.add(() -> {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        });
        String api = "http://127.0.0.1:" + front[1] + "/api/v1";
        await(() -> {
            if (!haproxy.isAlive()) {
                throw new AssertionError("haproxy exited: " + read(data.resolve("haproxy.log")));
            }
            return status(api.replace("/api/v1", "/health")) == 200;
        }, Duration.ofSeconds(60), "HAProxy answers /health");
        diagnostics = () -> "\nhaproxy: " + read(data.resolve("haproxy.log")) + "\nnode a: " + nodeA.log() + "\nnode b: " + nodeB.log();

        Kiosks kiosks = new Kiosks(front[0]);
        kiosks.start();
        running.add(kiosks::stop);
        await(() -> kiosks.acked.get() >= 120, Duration.ofSeconds(120), "120 acknowledged operations before the restart");

        // the nodes see each kiosk's own address through the PROXY header, not HAProxy's 127.0.0.1
        String token = login(api);
        JsonNode terminals = get(api + "/terminals?_per_page=100", token);
        boolean sawKiosk = false;
        for (JsonNode t : terminals.path("terminals").isMissingNode() ? terminals : terminals.path("terminals")) {
            if (t.path("login").asText().startsWith("kiosk") && t.path("connected").asBoolean()) {
                assertEquals(List.of(KIOSK_ADDRESS), new ObjectMapper().convertValue(t.path("addresses"), List.class), t.toString());
                sawKiosk = true;
            }
        }
        assertTrue(sawKiosk, "the connected kiosks are listed: " + terminals);

        // a desk signed in to the console on node A
        String console = consoleSignIn("http://127.0.0.1:" + a.http + "/console");
        assertEquals(200, consolePage("http://127.0.0.1:" + a.http + "/console/desk", console), "signed in on node A");

        // node A: SIGTERM under load, then started again on the same ports
        nodeA.process().destroy();
        assertTrue(nodeA.process().waitFor(60, TimeUnit.SECONDS), "node A stopped within 60 s: " + nodeA.log());
        assertEquals(ShutdownIT.EXIT_ON_SIGTERM, nodeA.process().exitValue(), nodeA.log());
        int afterStop = kiosks.acked.get();
        await(() -> kiosks.acked.get() >= afterStop + 60, Duration.ofSeconds(120), "kiosks go on through node B");
        ServeProcess restarted = a.start();
        a.awaitStarted(restarted);
        int afterRestart = kiosks.acked.get();
        await(() -> kiosks.acked.get() >= afterRestart + 120, Duration.ofSeconds(120), "kiosks go on after node A is back");
        kiosks.stop();

        assertTrue(kiosks.reconnects.get() >= 1, "kiosks on node A reconnected through HAProxy");
        assertTrue(kiosks.retransmissions.get() >= 1, "a request whose answer was lost was sent again after the reconnect");
        System.out.printf("HAProxy two nodes: %d acknowledged operations, %d reconnects, %d retransmissions%n",
                kiosks.acked.get(), kiosks.reconnects.get(), kiosks.retransmissions.get());
        assertTrue(kiosks.failures.isEmpty(), "every request was answered in the end: " + kiosks.failures);
        assertEveryAcknowledgedOperationIsStoredOnce(configA, a.dir, kiosks);
        // the desk's console session survived the restart of its node (sessions are in the database), and every node
        // accepts it, so through HAProxy too
        assertEquals(200, consolePage("http://127.0.0.1:" + a.http + "/console/desk", console), "still signed in on restarted node A");
        assertEquals(200, consolePage("http://127.0.0.1:" + b.http + "/console/desk", console), "node B accepts the session");
        assertEquals(200, consolePage("http://127.0.0.1:" + front[1] + "/console/desk", console), "through HAProxy");
        // the API token issued through HAProxy before the restart works on both nodes and through HAProxy (tokens are in
        // the database, not in the memory of the node that issued them)
        assertEquals(200, status("http://127.0.0.1:" + a.http + "/api/v1/terminals", token), "the API token on restarted node A");
        assertEquals(200, status("http://127.0.0.1:" + b.http + "/api/v1/terminals", token), "the API token on node B");
        assertEquals(200, status(api + "/terminals", token), "the API token through HAProxy");
    }

    // ------------------------------------------------------------------ the kiosks

    /** One thread per kiosk: check out and check in its own items in turn, reconnecting and retransmitting on loss. */
    final class Kiosks {
        final AtomicInteger acked = new AtomicInteger();
        final AtomicInteger reconnects = new AtomicInteger();
        final AtomicInteger retransmissions = new AtomicInteger();
        /** item barcode → acknowledged checkouts and check-ins, in order */
        final Map<String, List<String>> history = new ConcurrentHashMap<>();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        private final int port;

        Kiosks(int port) {
            this.port = port;
        }

        void start() {
            for (int k = 0; k < TERMINALS; k++) {
                int terminal = k;
                Thread t = new Thread(() -> run(terminal), "kiosk-" + k);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
        }

        private void run(int terminal) {
            Sip2Requests rq = new Sip2Requests(Clock.systemUTC(), "MAIN");
            String login = "kiosk" + terminal;
            String patron = "P" + terminal;
            Sip2Client client = null;
            try {
                for (int n = 0; !stop.get(); n++) {
                    String item = "I" + terminal + "-" + (n / 2) % ITEMS_PER_TERMINAL;
                    boolean checkout = n % 2 == 0;
                    Sip2Message request = checkout ? rq.checkout(patron, item, null) : rq.checkin(item, "MAIN");
                    Sip2Message answer = null;
                    byte[] sent = null;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                    while (answer == null) {
                        try {
                            if (client == null) {
                                client = connect(login, rq);
                            }
                            if (sent == null) {
                                answer = client.send(request);
                                sent = client.lastRequest();
                            } else {
                                // the answer was lost with the connection: send the very same bytes again
                                retransmissions.incrementAndGet();
                                client.writeRaw(sent);
                                answer = client.readMessage();
                            }
                        } catch (IOException e) {
                            if (sent == null && client != null) {
                                sent = client.lastRequest(); // written, maybe acted on: the next try is a retransmission
                            }
                            closeQuietly(client);
                            client = null;
                            if (System.nanoTime() > deadline) {
                                failures.add(login + " " + item + ": no answer within 90 s: " + e);
                                return;
                            }
                            reconnects.incrementAndGet();
                            sleepBriefly();
                        }
                    }
                    if (!"1".equals(answer.fixed(FixedField.OK))) {
                        failures.add(login + " " + (checkout ? "checkout " : "checkin ") + item + " refused: " + answer);
                        return;
                    }
                    history.computeIfAbsent(item, i -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(checkout ? "out" : "in");
                    acked.incrementAndGet();
                }
            } finally {
                closeQuietly(client);
            }
        }

        private Sip2Client connect(String login, Sip2Requests rq) throws IOException {
            Sip2Client c = Sip2Client.connect("127.0.0.1", port, Sip2Client.Options.plain(), InetAddress.getByName(KIOSK_ADDRESS));
            Sip2Message r = c.send(rq.login(login, login, "MAIN"));
            if (!"1".equals(r.fixed(FixedField.OK))) {
                c.close();
                throw new IOException("login refused: " + r);
            }
            return c;
        }

        private void sleepBriefly() {
            try {
                Thread.sleep(100); // a kiosk's reconnect pause, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void closeQuietly(Sip2Client c) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing a dead connection
                }
            }
        }
    }

    private static void assertEveryAcknowledgedOperationIsStoredOnce(Path config, Path dir, Kiosks kiosks) {
        GatewayConfig cfg = new ConfigLoader().load(config, Map.of(), List.of()).config();
        try (JdbcStorage storage = Storage.open(cfg, dir)) {
            List<CirculationEvent> events = storage.read(tx -> tx.events().between(Instant.now().minus(Duration.ofDays(1)),
                    Instant.now().plus(Duration.ofDays(1)), 1_000_000)).join();
            Map<Long, String> barcodes = new HashMap<>();
            storage.read(tx -> {
                for (int k = 0; k < TERMINALS; k++) {
                    for (int i = 0; i < ITEMS_PER_TERMINAL; i++) {
                        Item item = tx.items().byBarcode("I" + k + "-" + i).orElseThrow();
                        barcodes.put(item.id(), item.barcode());
                    }
                }
                return null;
            }).join();
            Map<String, Map<EventType, Integer>> stored = new HashMap<>();
            for (CirculationEvent e : events) {
                String barcode = e.itemId() == null ? null : barcodes.get(e.itemId());
                if (barcode != null) {
                    stored.computeIfAbsent(barcode, x -> new HashMap<>()).merge(e.type(), 1, Integer::sum);
                }
            }
            int total = 0;
            for (Map.Entry<String, List<String>> h : kiosks.history.entrySet()) {
                long outs = h.getValue().stream().filter("out"::equals).count();
                long ins = h.getValue().size() - outs;
                Map<EventType, Integer> s = stored.getOrDefault(h.getKey(), Map.of());
                assertEquals(outs, s.getOrDefault(EventType.CHECKOUT, 0).longValue(), h.getKey() + " checkouts: " + s);
                assertEquals(ins, s.getOrDefault(EventType.CHECKIN, 0).longValue(), h.getKey() + " check-ins: " + s);
                assertEquals(0, s.getOrDefault(EventType.RENEW, 0).intValue(), h.getKey() + ": a retransmission became a renewal");
                String last = h.getValue().get(h.getValue().size() - 1);
                Item item = storage.read(tx -> tx.items().byBarcode(h.getKey())).join().orElseThrow();
                java.util.Optional<Loan> open = storage.read(tx -> tx.loans().openForItem(item.id())).join();
                assertEquals("out".equals(last), open.isPresent(), h.getKey() + " last acknowledged " + last);
                total += h.getValue().size();
            }
            assertEquals(kiosks.acked.get(), total);
        }
    }

    // ------------------------------------------------------------------ nodes, HAProxy, HTTP

    /** One gateway node: its data directory and fixed ports (HAProxy's backends must not move when it restarts). */
    final class Node {
        final String name;
        final Path dir;
        final int http;
        final int sip2;
        final int z3950;
        private int starts;

        Node(String name, int[] ports) throws IOException {
            this.name = name;
            this.dir = Files.createDirectories(data.resolve(name));
            this.http = ports[0];
            this.sip2 = ports[1];
            this.z3950 = ports[2];
        }

        Path writeConfig(String url) throws IOException {
            SecretHasher hasher = new SecretHasher(1_000);
            List<String> lines = new ArrayList<>(List.of(
                    "data-dir: " + dir,
                    "database:",
                    "  url: " + url,
                    "  user: postgres",
                    "  password: postgres",
                    "listeners:",
                    "  http-port: " + http,
                    "  sip2-port: " + sip2,
                    "  z3950-port: " + z3950,
                    "  proxy-protocol: true",
                    "  proxy-protocol-from: [\"" + PROXY_SOURCE + "\"]",
                    "libraries:",
                    "  - code: MAIN",
                    "    name: Main Library",
                    "policies:",
                    "  - library: '*'",
                    "    category: '*'",
                    "    item-type: '*'",
                    "    loan-period: 21",
                    "    max-loans: 0",
                    "sip2-accounts:"));
            for (int k = 0; k < TERMINALS; k++) {
                lines.addAll(List.of("  - login: kiosk" + k, "    password-hash: " + hasher.hash("kiosk" + k), "    institution: MAIN"));
            }
            Path config = dir.resolve("stackbridge.yaml");
            Files.writeString(config, String.join("\n", lines) + "\n");
            return config;
        }

        ServeProcess start() throws IOException {
            Files.deleteIfExists(dir.resolve("stackbridge.ports"));
            ServeProcess p = ServeProcess.start(dir.resolve("serve-" + (starts++) + ".log"), "serve", "--config",
                    dir.resolve("stackbridge.yaml").toString());
            running.add(p);
            return p;
        }

        void awaitStarted(ServeProcess p) throws Exception {
            p.awaitPorts(dir, Duration.ofSeconds(180));
        }
    }

    private static void seed(Path config, Path dir) {
        GatewayConfig cfg = new ConfigLoader().load(config, Map.of(), List.of()).config();
        try (JdbcStorage storage = Storage.open(cfg, dir)) {
            Storage.seed(storage, cfg);
            String hash = new SecretHasher(1_000).hash(PASSWORD);
            storage.write(tx -> {
                tx.staff().save(new StaffAccount("sysop", hash, StaffRole.ADMIN, null, true));
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "ha-1", "Two of everything", "Tester", null, null, null, null));
                for (int k = 0; k < TERMINALS; k++) {
                    tx.patrons().insert(new Patron(0, "P" + k, null, "Patron " + k, "ADULT", null, null, null,
                            LocalDate.of(2099, 1, 1), "MAIN", false));
                    for (int i = 0; i < ITEMS_PER_TERMINAL; i++) {
                        tx.items().insert(new Item(0, "I" + k + "-" + i, bib.id(), "BOOK", "MAIN", "MAIN", null, null,
                                BigDecimal.TEN, ItemStatus.AVAILABLE, null, null));
                    }
                }
                return null;
            }).join();
        }
    }

    /** The configuration docs/deployment.md shows, with this test's ports. */
    private Path writeHaproxyConfig(int[] front, Node a, Node b) throws IOException {
        String cfg = Files.readString(Path.of("src", "test", "resources", "haproxy", "haproxy.cfg"), StandardCharsets.UTF_8)
                .replace("${SOCKET}", data.resolve("haproxy.sock").toString())
                .replace("${PROXY_SOURCE}", PROXY_SOURCE)
                .replace("${SIP2_FRONT}", "127.0.0.1:" + front[0])
                .replace("${HTTP_FRONT}", "127.0.0.1:" + front[1])
                .replace("${Z3950_FRONT}", "127.0.0.1:" + freePorts(1)[0])
                .replace("${A_SIP2}", "127.0.0.1:" + a.sip2).replace("${B_SIP2}", "127.0.0.1:" + b.sip2)
                .replace("${A_HTTP}", "127.0.0.1:" + a.http).replace("${B_HTTP}", "127.0.0.1:" + b.http)
                .replace("${A_Z3950}", "127.0.0.1:" + a.z3950).replace("${B_Z3950}", "127.0.0.1:" + b.z3950);
        Path file = data.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        return file;
    }

    /** Free ports now; HAProxy's configuration needs them before the nodes start (and again after a restart). */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /** Signs in to the console with the form (its CSRF cookie and token); returns the session cookie. */
    private String consoleSignIn(String base) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/signin")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        String pre = form.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("sb_console_signin=")).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(m.find(), form.body());
        HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(base + "/signin")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", pre.substring(0, pre.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString("username=sysop&password=" + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                        + "&_csrf=" + java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, in.statusCode(), in.body());
        String set = in.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("sb_console=")).findFirst().orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    /** The status of a console page with the session cookie: 200 when signed in, a redirect to the sign-in form when not. */
    private int consolePage(String uri, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String login(String api) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/auth/login")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"sysop\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body()).path("token").asText();
    }

    private JsonNode get(String uri, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    private int status(String uri, String... token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5));
            if (token.length > 0) {
                b.header("Authorization", "Bearer " + token[0]);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the processes said, for a failure message. */
    private java.util.function.Supplier<String> diagnostics = () -> "\nhaproxy: " + read(data.resolve("haproxy.log"));

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        try {
            org.stackbridge.core.testing.Await.until(timeout, condition, what);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + diagnostics.get(), e);
        }
    }

    static {
        // keep the JDK's HTTP client from reusing a connection HAProxy closed while a node restarted
        System.setProperty("jdk.httpclient.keepalive.timeout", "1");
    }
}
