package org.stackbridge.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.model.Patron;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * Issue #15's kiosk benchmark in one run ({@code Sip2GatewayBench --kiosk-matrix}): login once per connection, then
 * per patron visit a 63 with AD, {@value Sip2LoadDriver#DEFAULT_VISIT_PAIRS} checkouts with AD and their checkins, at
 * each connection count, on H2 and on embedded PostgreSQL (fsync and synchronous commit on, as the server starts by
 * default), beside the protocol-only {@link Sip2Responder} in the same run, each with the no-PIN loop too. Per cell:
 * pairs/s, request p50/p99, the server process's CPU per message (its CPU time over the cell, from
 * {@link ProcessHandle.Info#totalCpuDuration()}, divided by every request the driver sent in the cell), SQL statements
 * per engine command and PIN hashes from the gateway's own counters ({@code /metrics}), and the ratios to the
 * responder and PIN to no-PIN. Then per gateway: 1,000 wrong PINs for one locked patron (the gateway's CPU across them);
 * on H2 the PIN visit with Koha-style bcrypt hashes and with fewer PBKDF2 rounds (both stored as is by an import), and
 * a JFR profile of the PIN visit (a separate cell, so the recording does not touch the matrix's figures). Before all
 * that, {@link PinHashCost}: what one check costs on this machine. Markdown tables on standard output.
 */
final class Sip2KioskMatrix {

    /** The kiosk patron the wrong-PIN cell locks. */
    static final String LOCK_PATRON = "BPLOCK";
    /** Patron pools of the hash variants (H2 only), seeded like BP0.. with the same PIN. */
    static final Map<String, String> VARIANT_POOLS = new LinkedHashMap<>(Map.of("BK", "bcrypt-8", "BR", "pbkdf2-10000"));
    /**
     * The pseudo-prefix of the cell where each kiosk's patron comes back visit after visit (patron BP{@code <conn>}):
     * the PIN is sent with every message as before, but the gateway has remembered it since the first visit.
     */
    static final String REMEMBERED = "remembered";
    private static final String REMEMBERED_LABEL = "pbkdf2-120000, same patron again (remembered)";
    private static final String WRONG_PIN_NOTE = "1,000 wrong PINs (0000-0999) for one patron after the lock (5 failures)";

    record Cell(String server, boolean pin, String hashes, int connections, Sip2LoadDriver.Result result, double cpuMicrosPerMessage,
                double statementsPerCommand, double pinHashes, long messages, double cpuMillis) {
        String ad() {
            return !pin ? "none" : hashes;
        }
    }

    private final Sip2GatewayBench bench;
    private final Path work;
    private final List<Integer> connections;
    private final int seconds;
    private final int warmup;
    private final int jitWarmup;
    private final boolean profile;
    /** The profiled cell is the returning patron's visit (PIN remembered) instead of a new patron's. */
    private final boolean profileRemembered;
    private final List<Cell> cells = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> mixedRows = new ArrayList<>();

    Sip2KioskMatrix(Sip2GatewayBench bench, Path work, List<Integer> connections, int seconds, int warmup, int jitWarmup, boolean profile,
                    boolean profileRemembered) {
        this.profileRemembered = profileRemembered;
        this.bench = bench;
        this.work = work;
        this.connections = connections;
        this.seconds = seconds;
        this.warmup = warmup;
        this.jitWarmup = jitWarmup;
        this.profile = profile;
    }

    void run(List<String> backends) throws Exception {
        long t0 = System.nanoTime();
        // interrupted (Ctrl-C): stop the gateway or responder this run started, not only the bench
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().children().forEach(ProcessHandle::destroy)));
        System.out.printf(Locale.ROOT, "# kiosk matrix %s, %d cores, %s, load average at the start %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                loadAverage());
        System.out.printf(Locale.ROOT, "# per cell: %d s untimed, then %d s measured; PIN visits: 63 with AD, then %d x (11 with AD, 09),"
                + " each visit by the next of %,d patrons (none seen before in the run)%n", warmup, seconds,
                Sip2LoadDriver.DEFAULT_VISIT_PAIRS, Sip2GatewayBench.PATRON_POOL);
        PinHashCost.Costs costs = PinHashCost.measure(Sip2GatewayBench.PIN);
        PinHashCost.print(costs, List.of(1, Sip2LoadDriver.DEFAULT_VISIT_PAIRS, 10));
        for (String backend : backends) {
            if (backend.equals("responder")) {
                responder();
            } else {
                gateway(backend);
            }
        }
        printMatrix();
        printMixed();
        printTargets(costs);
        System.out.printf(Locale.ROOT, "%n# matrix done in %.1f min; load average at the end %s%n", (System.nanoTime() - t0) / 6e10, loadAverage());
    }

    private void responder() throws Exception {
        Path data = work.resolve("responder");
        String cp = System.getProperty("java.class.path");
        Process server = GatewayProcess.start(List.of("-cp", cp, Sip2Responder.class.getName(), data.toString(), Sip2GatewayBench.PIN),
                data, data.resolve("responder.log"));
        try {
            int port = GatewayProcess.awaitPorts(server, data, data.resolve("responder.log")).get("sip2");
            jitWarmup(port, "BP");
            for (int n : connections) {
                cell("responder", server, port, null, false, "BP", n);
                cell("responder", server, port, null, true, "BP", n);
            }
        } finally {
            stop(server);
        }
    }

    private void gateway(String backend) throws Exception {
        EmbeddedPostgres pg = backend.equals("postgres") ? DurablePostgres.start() : null;
        Path data = work.resolve(backend);
        try {
            JdbcSettings jdbc = pg == null ? JdbcSettings.embedded(data) : JdbcSettings.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            int max = connections.stream().mapToInt(Integer::intValue).max().orElse(1);
            long s0 = System.nanoTime();
            Sip2GatewayBench.seed(jdbc, max);
            boolean variants = backend.equals("h2");
            try (JdbcStorage storage = JdbcStorage.open(jdbc)) {
                seedPatrons(storage, LOCK_PATRON, 1, PinHashCost.storedHash("pbkdf2-120000", Sip2GatewayBench.PIN), false);
                if (variants) {
                    for (Map.Entry<String, String> v : VARIANT_POOLS.entrySet()) {
                        seedPatrons(storage, v.getKey(), Sip2GatewayBench.PATRON_POOL, PinHashCost.storedHash(v.getValue(), Sip2GatewayBench.PIN), true);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s: seeded in %.0f s%n", backend, (System.nanoTime() - s0) / 1e9);
            Path config = bench.config(data, pg == null ? null : jdbc, null);
            Process server = bench.serve(config, data);
            try {
                Map<String, Integer> ports = GatewayProcess.awaitPorts(server, data, data.resolve("serve.log"));
                int sip2 = ports.get("sip2");
                Integer http = ports.get("http");
                jitWarmup(sip2, "BP");
                for (int n : connections) {
                    cell(backend, server, sip2, http, false, "BP", n);
                    cell(backend, server, sip2, http, true, "BP", n);
                    cell(backend, server, sip2, http, true, REMEMBERED, n);
                    if (n >= 2) {
                        mixed(backend, sip2, n);
                    }
                }
                if (variants) {
                    for (String prefix : VARIANT_POOLS.keySet()) {
                        cell(backend, server, sip2, http, true, prefix, max);
                    }
                }
                wrongPins(backend, server, sip2, http);
            } finally {
                stop(server);
            }
            if (profile && backend.equals("h2")) {
                try {
                    profile(backend, config, data, connections.contains(16) ? 16 : max);
                } catch (Exception e) {
                    // the matrix measured so far still prints; say why the profile is missing
                    notes.add("no profile: " + e.getMessage());
                    System.out.println("no profile: " + e);
                }
            }
        } finally {
            GatewayProcess.deleteTree(data);
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** Patrons {@code prefix}0.. (or exactly {@code prefix} when {@code numbered} is false) with the given stored PIN hash. */
    private static void seedPatrons(JdbcStorage storage, String prefix, int count, String pinHash, boolean numbered) {
        storage.write(tx -> {
            for (int p = 0; p < count; p++) {
                String barcode = numbered ? prefix + p : prefix;
                tx.patrons().insert(new Patron(0, barcode, pinHash, "Bench patron " + barcode, "ADULT", null, null, null,
                        LocalDate.of(2099, 1, 1), "BENCH", false));
            }
            return null;
        }).join();
    }

    /** Untimed load so C2 has compiled the hot paths: the plain loop, then PIN visits, at the largest connection count. */
    private void jitWarmup(int port, String prefix) throws InterruptedException {
        if (jitWarmup <= 0) {
            return;
        }
        int max = connections.stream().mapToInt(Integer::intValue).max().orElse(1);
        Sip2LoadDriver.run(options(port, max, jitWarmup, 0, prefix, false));
        // PBKDF2's SHA-256 loop must be C2-compiled too, or the first PIN cells measure the interpreter
        Sip2LoadDriver.run(options(port, max, Math.max(5, jitWarmup / 2), 0, prefix, true));
    }

    private Sip2LoadDriver.Options options(int port, int n, int measured, int untimed, String prefix, boolean pin) {
        boolean remembered = prefix.equals(REMEMBERED);
        return new Sip2LoadDriver.Options("127.0.0.1", port, false, n, measured, untimed, Sip2GatewayBench.KIOSK_LOGIN, "bench", "BENCH", "BENCH",
                remembered ? "BP" : prefix, "BI", Sip2GatewayBench.ITEMS_PER_CONNECTION, false, 0)
                .withVisits(pin ? Sip2GatewayBench.PIN : null, Sip2LoadDriver.DEFAULT_VISIT_PAIRS, remembered ? 0 : Sip2GatewayBench.PATRON_POOL);
    }

    /**
     * Mixed load, what a library feels: half the connections bring a new patron each visit (one PIN hash each), the
     * other half (numbered after them, kiosks, patrons and items of their own) the same patron again, whose PIN the
     * gateway remembers; both drivers at once, each reporting its own latencies.
     */
    private void mixed(String server, int port, int n) throws Exception {
        int half = n / 2;
        var returning = java.util.concurrent.CompletableFuture.supplyAsync(() -> drive(options(port, n - half, seconds, warmup, REMEMBERED, true)
                .numberedFrom(half)));
        Sip2LoadDriver.Result fresh = Sip2LoadDriver.run(options(port, half, seconds, warmup, "BP", true));
        Sip2LoadDriver.Result back = returning.get();
        mixedRows.add(String.format(Locale.ROOT, "| %s | %d + %d | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %s |", server, half, n - half,
                back.pairsPerSecond(), back.p50Millis(), back.p99Millis(), fresh.pairsPerSecond(), fresh.p50Millis(), fresh.p99Millis(),
                loadAverage()));
        System.out.printf(Locale.ROOT, "%s mixed: %d connections of returning patrons: %s; %d of new patrons: %s; load %s%n", server,
                n - half, back, half, fresh, loadAverage());
    }

    private static Sip2LoadDriver.Result drive(Sip2LoadDriver.Options o) {
        try {
            return Sip2LoadDriver.run(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private Cell cell(String server, Process process, int port, Integer http, boolean pin, String prefix, int n) throws Exception {
        Sip2GatewayBench.ServerCounts before = http == null ? null : Sip2GatewayBench.ServerCounts.of(http);
        long m0 = Sip2LoadDriver.messagesSent();
        long cpu0 = cpuNanos(process);
        Sip2LoadDriver.Result r = Sip2LoadDriver.run(options(port, n, seconds, warmup, pin ? prefix : "BP", pin));
        long cpu1 = cpuNanos(process);
        long messages = Sip2LoadDriver.messagesSent() - m0;
        Sip2GatewayBench.ServerCounts used = http == null ? null : Sip2GatewayBench.ServerCounts.of(http).minus(before);
        String hashes = !pin ? "none" : server.equals("responder") ? "plain text" : prefix.equals(REMEMBERED) ? REMEMBERED_LABEL
                : VARIANT_POOLS.getOrDefault(prefix, "pbkdf2-120000");
        Cell c = new Cell(server, pin, hashes, n, r, (cpu1 - cpu0) / 1e3 / Math.max(1, messages),
                used == null ? Double.NaN : used.statements() / Math.max(1, used.commands()), used == null ? Double.NaN : used.pinHashes(),
                messages, (cpu1 - cpu0) / 1e6);
        cells.add(c);
        System.out.printf(Locale.ROOT, "%s %s conns=%d: %s; server CPU %.0f ms for %d requests = %.0f µs/request%s; load %s%n", server,
                c.ad(), n, r, c.cpuMillis(), messages, c.cpuMicrosPerMessage(),
                used == null ? "" : String.format(Locale.ROOT, "; %.0f engine commands, %.1f SQL statements each, %.0f PIN hashes",
                        used.commands(), c.statementsPerCommand(), used.pinHashes()), loadAverage());
        // the responder remembers no PIN: only a gateway's cells can be flattered by a wrapped pool
        if (http != null && pin && Sip2LoadDriver.visitsStarted() > Sip2GatewayBench.PATRON_POOL) {
            notes.add("patron pool wrapped before " + server + " " + c.ad() + " at " + n + " connections: later visits may find their PIN remembered");
        }
        return c;
    }

    /**
     * One connection: 5 wrong PINs lock {@value #LOCK_PATRON} (each hashed), then 1,000 more wrong PINs in a row; the
     * gateway's CPU across those 1,000, and whether any was hashed ({@code stackbridge_pin_slow_checks_total}).
     */
    private void wrongPins(String backend, Process server, int port, int http) throws Exception {
        Sip2Requests rq = new Sip2Requests(Clock.systemUTC(), "BENCH");
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", port)) {
            if (!"1".equals(c.send(rq.login("bench", "bench", "BENCH")).fixed(FixedField.OK))) {
                throw new IOException("login refused");
            }
            long lockCpu0 = cpuNanos(server);
            for (int i = 0; i < 5; i++) {
                requireRefused(c.send(rq.patronInformation(LOCK_PATRON, "9999", -1, null, null)));
            }
            long lockCpu = cpuNanos(server) - lockCpu0;
            // what the gateway burns with no request at all (JIT, GC, housekeeping), to tell the refusals' own cost apart
            long idleCpu0 = cpuNanos(server);
            long idle0 = System.nanoTime();
            Thread.sleep(3_000);
            double idleCpuPerSecond = (cpuNanos(server) - idleCpu0) / ((System.nanoTime() - idle0) / 1e9);
            Sip2GatewayBench.ServerCounts before = Sip2GatewayBench.ServerCounts.of(http);
            long cpu0 = cpuNanos(server);
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                requireRefused(c.send(rq.patronInformation(LOCK_PATRON, String.format(Locale.ROOT, "%04d", i), -1, null, null)));
            }
            long wall = System.nanoTime() - t0;
            long cpu = cpuNanos(server) - cpu0;
            Sip2GatewayBench.ServerCounts used = Sip2GatewayBench.ServerCounts.of(http).minus(before);
            boolean rightRefused = !"Y".equals(c.send(rq.patronInformation(LOCK_PATRON, Sip2GatewayBench.PIN, -1, null, null))
                    .field(FieldCode.CQ));
            double idleShare = idleCpuPerSecond * wall / 1e9;
            String line = String.format(Locale.ROOT, "%s: %s: all refused (CQ N); gateway CPU %.0f ms in total (%.0f µs each), wall %.0f ms,"
                            + " of which %.0f ms at the idle gateway's rate (%.0f ms/s measured over 3 s just before): %.0f ms net;"
                            + " PIN hashes %.0f; the 5 failures before the lock cost %.0f ms of CPU (hashed); the right PIN afterwards %s",
                    backend, WRONG_PIN_NOTE, cpu / 1e6, cpu / 1e3 / 1000, wall / 1e6, idleShare / 1e6, idleCpuPerSecond / 1e6,
                    (cpu - idleShare) / 1e6, used.pinHashes(), lockCpu / 1e6, rightRefused ? "refused too (locked)" : "ACCEPTED (lock broken)");
            System.out.println(line);
            notes.add(line);
        }
    }

    private static void requireRefused(Sip2Message info) throws IOException {
        if (!"N".equals(info.field(FieldCode.CQ))) {
            throw new IOException("a wrong PIN was not refused: " + info);
        }
    }

    /**
     * The PIN visit at {@code n} connections once more, on a second gateway process over the same database started
     * with a JFR recording ({@code -XX:StartFlightRecording=settings=profile}, stack depth 256), so the recording
     * touches none of the matrix's figures; after a warm-up, the cell's samples (by time) split by part and command.
     */
    private void profile(String backend, Path config, Path data, int n) throws Exception {
        Path jfr = work.resolve("kiosk-" + backend + ".jfr");
        Process server = bench.serve(config, data, List.of("-XX:FlightRecorderOptions=stackdepth=256",
                "-XX:StartFlightRecording=name=kiosk,settings=profile,filename=" + jfr));
        Cell c;
        Instant from;
        Instant to;
        Map<String, Map.Entry<String, Long>> threadsBefore;
        Map<String, Map.Entry<String, Long>> threadsAfter;
        try {
            Map<String, Integer> ports = GatewayProcess.awaitPorts(server, data, data.resolve("serve.log"));
            jitWarmup(ports.get("sip2"), "BP");
            threadsBefore = ThreadCpu.snapshot(server.pid());
            from = Instant.now();
            c = cell(backend + " (JFR on)", server, ports.get("sip2"), ports.get("http"), true, profileRemembered ? REMEMBERED : "BP", n);
            to = Instant.now();
            threadsAfter = ThreadCpu.snapshot(server.pid());
            jcmd(server, "JFR.dump", "name=kiosk", "filename=" + jfr);
        } finally {
            stop(server);
        }
        System.out.printf(Locale.ROOT, "%n### Profile of the PIN visit (%s): %s, %d connections, JFR on the gateway%n%n",
                profileRemembered ? "returning patron, PIN remembered" : "a new patron each visit", backend, n);
        long visits63 = c.result().visits();
        long pairs = c.result().pairs();
        double scale = (double) c.messages() / Math.max(1, visits63 + 2 * pairs);
        Map<String, Long> byKind = new LinkedHashMap<>();
        byKind.put("63", Math.round(visits63 * scale));
        byKind.put("11", Math.round(pairs * scale));
        byKind.put("09", Math.round(pairs * scale));
        JfrCpuProfile.print(JfrCpuProfile.read(jfr, from, to), c.cpuMillis(), byKind);
        System.out.printf(Locale.ROOT, "%nThe same cell's gateway CPU by thread (native threads too: JIT compilers and GC, which JFR's samples miss)%n%n");
        ThreadCpu.print(ThreadCpu.delta(threadsBefore, threadsAfter));
        if (System.getenv("STACKBRIDGE_BENCH_KEEP_JFR") != null) {
            Path kept = Path.of(System.getenv("STACKBRIDGE_BENCH_KEEP_JFR"));
            Files.copy(jfr, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("recording kept as " + kept);
        }
    }

    private static void jcmd(Process p, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(p.pid())));
        cmd.addAll(List.of(args));
        Process j = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(j.getInputStream().readAllBytes());
        if (!j.waitFor(60, TimeUnit.SECONDS) || j.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + out);
        }
    }

    private static long cpuNanos(Process p) {
        return p.toHandle().info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + p.pid()));
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private Cell find(String server, String hashes, int n) {
        return cells.stream().filter(c -> c.server().equals(server) && c.ad().equals(hashes) && c.connections() == n).findFirst().orElse(null);
    }

    private void printMixed() {
        if (mixedRows.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "%n### Mixed load: returning patrons (PIN remembered) beside new ones (one PIN hash per visit)%n%n");
        System.out.println("| server | conns new + returning | returning pairs/s | returning p50 ms | returning p99 ms | new pairs/s"
                + " | new p50 ms | new p99 ms | load average |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|");
        mixedRows.forEach(System.out::println);
    }

    private void printMatrix() {
        System.out.printf(Locale.ROOT, "%n### Kiosk matrix (one run; each cell %d s after %d s untimed)%n%n", seconds, warmup);
        System.out.println("| server | PIN (AD) stored as | conns | pairs/s | visits/s | p50 ms | p99 ms | server CPU µs/request"
                + " | SQL statements/command | PIN hashes | ÷ responder (same AD) | PIN ÷ no PIN |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Cell c : cells) {
            if (c.server().contains("JFR")) {
                continue;
            }
            Cell responder = find("responder", c.pin() ? "plain text" : "none", c.connections());
            Cell noPin = find(c.server(), "none", c.connections());
            Sip2LoadDriver.Result r = c.result();
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %,.0f | %s | %.2f | %.2f | %,.0f | %s | %s | %s | %s |%n", c.server(), c.ad(),
                    c.connections(), r.pairsPerSecond(), c.pin() ? String.format(Locale.ROOT, "%,.1f", r.visits() / r.seconds()) : "—",
                    r.p50Millis(), r.p99Millis(), c.cpuMicrosPerMessage(),
                    Double.isNaN(c.statementsPerCommand()) ? "—" : String.format(Locale.ROOT, "%.1f", c.statementsPerCommand()),
                    Double.isNaN(c.pinHashes()) ? "—" : String.format(Locale.ROOT, "%,.0f", c.pinHashes()),
                    responder == null || c == responder ? "—" : ratio(r.pairsPerSecond(), responder.result().pairsPerSecond()),
                    !c.pin() || noPin == null ? "—" : ratio(r.pairsPerSecond(), noPin.result().pairsPerSecond()));
            if (r.errors() > 0) {
                notes.add(String.format(Locale.ROOT, "%s %s %d conns: %d errors", c.server(), c.ad(), c.connections(), r.errors()));
            }
        }
        System.out.println();
        notes.forEach(n -> System.out.println("* " + n));
    }

    private static String ratio(double a, double b) {
        return b <= 0 ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * a / b);
    }

    private void printTargets(PinHashCost.Costs costs) {
        int max = connections.stream().mapToInt(Integer::intValue).max().orElse(1);
        System.out.printf(Locale.ROOT, "%n### Against issue #15's targets (this run)%n%n| measure | target | this run |%n|---|---|---|%n");
        Cell h2 = find("h2", "pbkdf2-120000", max);
        Cell h2NoPin = find("h2", "none", max);
        if (h2 != null && h2NoPin != null) {
            System.out.printf(Locale.ROOT, "| SIP2 with PIN, H2, %d conns | ≥ 5,000 pairs/s and ≥ 90 %% of no-PIN | %,.0f pairs/s, %s of no-PIN (%,.0f) |%n",
                    max, h2.result().pairsPerSecond(), ratio(h2.result().pairsPerSecond(), h2NoPin.result().pairsPerSecond()),
                    h2NoPin.result().pairsPerSecond());
        }
        Cell h2p16 = find("h2", "pbkdf2-120000", 16);
        if (h2p16 != null) {
            System.out.printf(Locale.ROOT, "| SIP2 with PIN, H2, p99 at 16 conns | < 10 ms | %.1f ms |%n", h2p16.result().p99Millis());
        }
        Cell pg = find("postgres", "pbkdf2-120000", max);
        Cell pg16 = find("postgres", "pbkdf2-120000", 16);
        if (pg != null) {
            System.out.printf(Locale.ROOT, "| SIP2 with PIN, PostgreSQL, %d conns; p99 at 16 | ≥ 1,500 pairs/s; < 25 ms | %,.0f pairs/s; %s |%n", max,
                    pg.result().pairsPerSecond(), pg16 == null ? "—" : String.format(Locale.ROOT, "%.1f ms", pg16.result().p99Millis()));
        }
        PinHashCost.Cost d = costs.of("PBKDF2-HMAC-SHA256, 120,000");
        System.out.printf(Locale.ROOT, "%nCeiling from first principles: one default PIN check costs %.1f ms of one core, so two cores doing nothing else"
                        + " verify at most %.0f new visitors a second: %,.0f pairs/s at %d checkouts per visit; 5,000 pairs/s would need %.0f"
                        + " checkouts per visit.%n", d.millis(), d.perSecondOnTwoCores(), d.perSecondOnTwoCores() * Sip2LoadDriver.DEFAULT_VISIT_PAIRS,
                Sip2LoadDriver.DEFAULT_VISIT_PAIRS, Math.ceil(5_000 / d.perSecondOnTwoCores()));
    }
}
