package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FixedField;

/**
 * Kills the serving process with SIGKILL while SIP2 checkouts are in flight, restarts it on the same
 * embedded database, and checks that every acknowledged checkout is there exactly once.
 */
@Timeout(120)
class CrashRecoveryIT {

    private static final int PATRONS = 8;
    private static final int ITEMS_PER_PATRON = 120;
    private static final int ACKS_BEFORE_KILL = 200;

    @TempDir
    Path data;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void everyAcknowledgedCheckoutSurvivesKillMinusNine() throws Exception {
        Path config = prepare();
        Process first = serve(config);
        Map<String, Integer> ports = awaitPorts(first);

        Map<String, String> acked = new ConcurrentHashMap<>();
        AtomicInteger ackCount = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> terminals = new ArrayList<>();
        for (int p = 0; p < PATRONS; p++) {
            String patron = "P" + p;
            int base = p;
            Thread t = new Thread(() -> {
                Sip2Requests req = new Sip2Requests(Clock.systemUTC(), "MAIN");
                try (Sip2Client client = Sip2Client.connect("127.0.0.1", ports.get("sip2"))) {
                    Sip2Message login = client.send(req.login("kiosk", "kiosk", "MAIN"));
                    if (!"1".equals(login.fixed(FixedField.OK))) {
                        return;
                    }
                    for (int i = 0; i < ITEMS_PER_PATRON && !stop.get(); i++) {
                        String item = "I" + base + "-" + i;
                        Sip2Message r = client.send(req.checkout(patron, item, null));
                        if ("1".equals(r.fixed(FixedField.OK))) {
                            acked.put(item, patron);
                            if (ackCount.incrementAndGet() >= ACKS_BEFORE_KILL) {
                                enough.countDown();
                            }
                        }
                    }
                } catch (IOException e) {
                    // the server died under us: expected once it is killed
                }
            }, "terminal-" + p);
            t.start();
            terminals.add(t);
        }
        assertTrue(enough.await(120, TimeUnit.SECONDS), "checkouts were not acknowledged in time: " + ackCount.get());
        first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        stop.set(true);
        for (Thread t : terminals) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertTrue(acked.size() >= ACKS_BEFORE_KILL);

        // Reopen the database directly: every acknowledged checkout must be an open loan to its patron.
        GatewayConfig cfg = new ConfigLoader().load(config, Map.of(), List.of()).config();
        try (JdbcStorage storage = Storage.open(cfg, data)) {
            List<Loan> open = storage.read(tx -> tx.loans().openPage(0, 100_000)).join();
            Map<Long, Long> loansPerItem = new ConcurrentHashMap<>();
            for (Loan l : open) {
                loansPerItem.merge(l.itemId(), 1L, Long::sum);
            }
            loansPerItem.forEach((item, n) -> assertEquals(1L, n, "item " + item + " has " + n + " open loans"));
            for (Map.Entry<String, String> e : acked.entrySet()) {
                Item item = storage.read(tx -> tx.items().byBarcode(e.getKey())).join().orElseThrow();
                Patron patron = storage.read(tx -> tx.patrons().byBarcode(e.getValue())).join().orElseThrow();
                Loan loan = storage.read(tx -> tx.loans().openForItem(item.id())).join()
                        .orElseThrow(() -> new AssertionError("acknowledged checkout of " + e.getKey() + " was lost"));
                assertEquals(patron.id(), loan.patronId(), e.getKey());
                assertEquals(ItemStatus.CHECKED_OUT, item.status(), e.getKey());
            }
            // Nothing beyond what was asked for: each terminal waits for an answer before its next checkout, so at
            // most one checkout per terminal can have committed without its acknowledgement arriving.
            int totalLoans = open.size();
            assertTrue(totalLoans >= acked.size(), "open loans " + totalLoans + " < acknowledged " + acked.size());
            assertTrue(totalLoans <= acked.size() + PATRONS,
                    "open loans " + totalLoans + " > acknowledged " + acked.size() + " + one in flight per terminal (" + PATRONS + ")");
        }

        // And the restarted gateway serves on the same data.
        Process second = serve(config);
        Map<String, Integer> again = awaitPorts(second);
        Sip2Requests req = new Sip2Requests(Clock.systemUTC(), "MAIN");
        try (Sip2Client client = Sip2Client.connect("127.0.0.1", again.get("sip2"))) {
            assertEquals("1", client.send(req.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            String anyAcked = acked.keySet().iterator().next();
            Sip2Message repeat = client.send(req.checkout(acked.get(anyAcked), anyAcked, null));
            assertEquals("Y", repeat.fixed(FixedField.RENEWAL_OK), "checking out again to the same patron is a renewal");
        }
    }

    private Path prepare() throws IOException {
        SecretHasher hasher = new SecretHasher(1_000);
        Path config = data.resolve("stackbridge.yaml");
        Files.writeString(config, String.join("\n",
                "data-dir: " + data,
                "listeners:",
                "  http-port: 0",
                "  sip2-port: 0",
                "  z3950-port: 0",
                "libraries:",
                "  - code: MAIN",
                "    name: Main Library",
                "sip2-accounts:",
                "  - login: kiosk",
                "    password-hash: " + hasher.hash("kiosk"),
                "    institution: MAIN",
                "policies:",
                "  - library: '*'",
                "    category: '*'",
                "    item-type: '*'",
                "    loan-period: 21",
                "    max-loans: 0",
                "") + "\n");
        GatewayConfig cfg = new ConfigLoader().load(config, Map.of(), List.of()).config();
        try (JdbcStorage storage = Storage.open(cfg, data)) {
            Storage.seed(storage, cfg);
            storage.write(tx -> {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "crash-1", "Durable things", "Tester", null, null, null, null));
                for (int p = 0; p < PATRONS; p++) {
                    tx.patrons().insert(new Patron(0, "P" + p, null, "Patron " + p, "ADULT", null, null, null,
                            LocalDate.of(2099, 1, 1), "MAIN", false));
                    for (int i = 0; i < ITEMS_PER_PATRON; i++) {
                        tx.items().insert(new Item(0, "I" + p + "-" + i, bib.id(), "BOOK", "MAIN", "MAIN", null, null,
                                BigDecimal.TEN, ItemStatus.AVAILABLE, null, null));
                    }
                }
                return null;
            }).join();
        }
        return config;
    }

    private Process serve(Path config) throws IOException {
        Files.deleteIfExists(data.resolve("stackbridge.ports"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.stackbridge.gateway.cli.StackbridgeCli", "serve", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("serve-" + processes.size() + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private Map<String, Integer> awaitPorts(Process process) throws Exception {
        Path file = data.resolve("stackbridge.ports");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new AssertionError("gateway exited: " + Files.readString(data.resolve("serve-" + (processes.size() - 1) + ".log")));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gateway did not start in time");
            }
            try {
                process.onExit().get(100, TimeUnit.MILLISECONDS); // wakes early if the process dies
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // keep waiting for the ports file
            }
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(file)) {
            props.load(in);
        }
        Map<String, Integer> ports = new java.util.HashMap<>();
        props.forEach((k, v) -> ports.put((String) k, Integer.parseInt((String) v)));
        return ports;
    }
}
