package org.stackbridge.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.spec.FixedField;

/**
 * SIP2 against the real gateway process: starts {@code stackbridge serve} on the embedded H2 database and on
 * PostgreSQL, drives checkout/checkin pairs at several connection counts, measures the disk's single-commit
 * fsync rate in the same run, and holds idle connections while reading the server's heap and RSS. The
 * {@code memory} backend runs the same gateway on the in-memory store (nothing durable), to show what the
 * pipeline costs without storage.
 * <p>
 * By default ({@code --pin}) each connection behaves as a self-check kiosk: per patron visit a 63 with the PIN in
 * AD, then {@value Sip2LoadDriver#DEFAULT_VISIT_PAIRS} checkouts with AD, each followed by its checkin; visits take
 * the {@value #PATRON_POOL} seeded patrons in turn (their PINs hashed with the production PBKDF2 rounds), so until
 * the pool wraps every visit costs the server one full PIN hash. {@code --no-pin} runs the bare checkout/checkin
 * loop without AD. {@code --pin-cache-minutes N} sets the server's {@code engine.pin-cache-minutes} (0: every AD is
 * hashed, as before the PIN cache).
 *
 * <pre>
 *   ./mvnw -q -DskipTests package -pl bench,gateway -am
 *   java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.Sip2GatewayBench \
 *       --seconds 15 --connections 1,16,64 --idle 10000 --runs 3 [--jit-warmup 20] [--backends h2,postgres[,memory]] [--no-pin] [--pin-cache-minutes N]
 *       [--writers N]   (the server's database.writers: PostgreSQL group-commit writers; H2 has one whatever it says)
 * </pre>
 * {@code --kiosk-matrix} runs issue #15's whole kiosk benchmark instead ({@link Sip2KioskMatrix}: H2, PostgreSQL and the
 * protocol-only {@link Sip2Responder}, PIN and no PIN, hash costs, wrong PINs after the lock, hash variants, a JFR
 * profile; {@code --backends} picks among {@code h2,postgres,responder}, {@code --warmup S} the untimed seconds per cell,
 * {@code --no-profile} skips the JFR cell, {@code --profile-remembered} profiles a returning patron's visit instead of a new one's):
 * <pre>
 *   java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.Sip2GatewayBench \
 *       --kiosk-matrix --seconds 10 --warmup 3 --jit-warmup 10 --connections 1,16,64
 * </pre>
 */
public final class Sip2GatewayBench {

    static final int ITEMS_PER_CONNECTION = 1001;
    /** One terminal account per load connection ("kiosk-0", ...), so each connection is a kiosk of its own. */
    static final String KIOSK_LOGIN = "kiosk-%d";

    /** The bench patrons' PIN (SIP2 AD). */
    static final String PIN = "2468";
    /** Patrons BP0.. seeded for kiosk visits; a visit takes the next one. */
    static final int PATRON_POOL = 20_000;

    private final Path work;
    private final String gatewayClasspath;
    private final int seconds;
    private final int runs;

    private Sip2GatewayBench(Path work, String gatewayClasspath, int seconds, int runs) {
        this.work = work;
        this.gatewayClasspath = gatewayClasspath;
        this.seconds = seconds;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        int seconds = 15;
        int runs = 3;
        int idle = 10_000;
        // untimed load before the first measurement, so C2 has compiled the hot paths (it used ~60 % of a core for 20+ s)
        int jitWarmup = 20;
        List<Integer> connections = List.of(1, 16, 64);
        List<String> backends = List.of("h2", "postgres");
        String cp = "gateway/target/stackbridge-gateway.jar:gateway/target/lib/*";
        boolean pin = true;
        Integer pinCacheMinutes = null;
        Integer writers = null;
        boolean kioskMatrix = false;
        int cellWarmup = 3;
        boolean profile = true;
        boolean profileRemembered = false;
        boolean backendsGiven = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kiosk-matrix" -> kioskMatrix = true;
                case "--warmup" -> cellWarmup = Integer.parseInt(args[++i]);
                case "--no-profile" -> profile = false;
                // profile the visit of a returning patron (PIN remembered) instead of a new one's
                case "--profile-remembered" -> profileRemembered = true;
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--idle" -> idle = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--backends" -> {
                    backends = List.of(args[++i].split(","));
                    backendsGiven = true;
                }
                case "--gateway-classpath" -> cp = args[++i];
                case "--jit-warmup" -> jitWarmup = Integer.parseInt(args[++i]);
                case "--pin" -> pin = true;
                case "--no-pin" -> pin = false;
                case "--pin-cache-minutes" -> pinCacheMinutes = Integer.parseInt(args[++i]);
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("sip2-bench");
        // each backend's database grows by gigabytes: never leave them behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> GatewayProcess.deleteTree(work)));
        Sip2GatewayBench bench = new Sip2GatewayBench(work, cp, seconds, runs);
        if (kioskMatrix) {
            new Sip2KioskMatrix(bench, work, connections, seconds, cellWarmup, jitWarmup, profile, profileRemembered)
                    .run(backendsGiven ? backends : List.of("h2", "postgres", "responder"));
            return;
        }
        int maxConnections = connections.stream().mapToInt(Integer::intValue).max().orElse(1);
        System.out.printf(Locale.ROOT, "# %s, %d cores, %s; %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                pin ? "kiosk visits: 63 with AD, then " + Sip2LoadDriver.DEFAULT_VISIT_PAIRS + " x (checkout with AD, checkin)"
                        : "checkout/checkin pairs without AD");
        String kioskPin = pin ? PIN : null;
        List<Double> fsync = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            fsync.add(bench.fsyncRate(work.resolve("fsync.bin")));
        }
        double fsyncMedian = median(fsync);
        System.out.printf(Locale.ROOT, "fsync: single-commit rate %.0f/s (median of %s)%n", fsyncMedian, fsync);
        for (String backend : backends) {
            EmbeddedPostgres pg = backend.equals("postgres") ? DurablePostgres.start() : null;
            try {
                Path data = work.resolve(backend);
                JdbcSettings jdbc = pg == null ? JdbcSettings.embedded(data) : JdbcSettings.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                boolean memory = backend.equals("memory");
                if (!memory) {
                    seed(jdbc, maxConnections);
                }
                Path config = bench.config(data, pg == null ? null : jdbc, pinCacheMinutes, writers);
                Process server = memory ? bench.serveInMemory(config, data, maxConnections) : bench.serve(config, data);
                try {
                    Map<String, Integer> ports = awaitPorts(server, data);
                    if (jitWarmup > 0) {
                        Sip2LoadDriver.run(new Sip2LoadDriver.Options("127.0.0.1", ports.get("sip2"), false, maxConnections, jitWarmup, 0,
                                KIOSK_LOGIN, "bench", "BENCH", "BENCH", "BP", "BI", ITEMS_PER_CONNECTION, false, 0)
                                .withVisits(kioskPin, Sip2LoadDriver.DEFAULT_VISIT_PAIRS, PATRON_POOL));
                        System.out.printf(Locale.ROOT, "%s: %d s untimed JIT warm-up at %d connections done%n", backend, jitWarmup, maxConnections);
                    }
                    for (int n : connections) {
                        ServerCounts before = ServerCounts.of(ports.get("http"));
                        List<Sip2LoadDriver.Result> results = new ArrayList<>();
                        for (int r = 0; r < runs; r++) {
                            results.add(Sip2LoadDriver.run(new Sip2LoadDriver.Options("127.0.0.1", ports.get("sip2"), false, n, seconds, 3,
                                    KIOSK_LOGIN, "bench", "BENCH", "BENCH", "BP", "BI", ITEMS_PER_CONNECTION, false, 0)
                                    .withVisits(kioskPin, Sip2LoadDriver.DEFAULT_VISIT_PAIRS, PATRON_POOL)));
                        }
                        double pairs = median(results.stream().map(Sip2LoadDriver.Result::pairsPerSecond).toList());
                        System.out.printf(Locale.ROOT,
                                "%s connections=%d pairs/s median=%.0f (runs %s) p50 median=%.2f ms p99 median=%.2f ms errors=%d; "
                                        + "durable commands/s = %.0f = %.2f x fsync rate%n",
                                backend, n, pairs, results.stream().map(x -> String.format(Locale.ROOT, "%.0f", x.pairsPerSecond())).toList(),
                                median(results.stream().map(Sip2LoadDriver.Result::p50Millis).toList()),
                                median(results.stream().map(Sip2LoadDriver.Result::p99Millis).toList()),
                                results.stream().mapToLong(Sip2LoadDriver.Result::errors).sum(), 2 * pairs, 2 * pairs / fsyncMedian);
                        ServerCounts used = ServerCounts.of(ports.get("http")).minus(before);
                        System.out.printf(Locale.ROOT, "%s connections=%d over the %d runs (warm-ups included): %.0f engine commands,"
                                        + " SQL statements per command %s, PIN hashes %.0f%n", backend, n, runs, used.commands(),
                                used.statements() == 0 ? "n/a (no database)" : String.format(Locale.ROOT, "%.1f", used.statements() / used.commands()),
                                used.pinHashes());
                        if (pin) {
                            System.out.printf(Locale.ROOT, "%s connections=%d kiosk visits/s median=%.1f; visits so far %d of a %d-patron pool%s%n",
                                    backend, n, median(results.stream().map(x -> x.visits() / x.seconds()).toList()),
                                    Sip2LoadDriver.visitsStarted(), PATRON_POOL,
                                    Sip2LoadDriver.visitsStarted() > PATRON_POOL ? " (wrapped: later visits may find their PIN remembered)" : "");
                        }
                    }
                    if (backend.equals("h2") && idle > 0) {
                        bench.idle(server, ports, idle);
                    }
                } finally {
                    server.destroy();
                    server.waitFor(30, TimeUnit.SECONDS);
                    GatewayProcess.deleteTree(data);
                }
            } finally {
                if (pg != null) {
                    pg.close();
                }
            }
        }
    }

    /**
     * Patrons BP0..BP{@value #PATRON_POOL}-1 (at least one per connection) with PIN {@value #PIN} hashed at the production
     * PBKDF2 rounds, items BI<c>-<k>, library and account BENCH/bench, a rule with no loan limit.
     */
    static void seed(JdbcSettings jdbc, int connections) {
        try (JdbcStorage storage = JdbcStorage.open(jdbc)) {
            seed(storage, connections);
        }
    }

    static void seed(org.stackbridge.core.port.TransactionRunner storage, int connections) {
        SecretHasher hasher = new SecretHasher(1_000);
        // one hash for all: each patron's cache entry is still its own (the patron is part of the key)
        String pinHash = SecretHasher.standard().hash(PIN);
        storage.write(tx -> {
            tx.libraries().save(Library.of("BENCH", "Bench library"));
            String password = hasher.hash("bench");
            tx.accounts().save(new TerminalAccount("bench", password, "BENCH", "default"));
            for (int k = 0; k < Math.max(connections, 64); k++) {
                tx.accounts().save(new TerminalAccount(String.format(Locale.ROOT, KIOSK_LOGIN, k), password, "BENCH", "default"));
            }
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "bench-1", "Benchmarking", "Load, Driver", null, null, null, null));
            for (int p = 0; p < Math.max(connections, PATRON_POOL); p++) {
                tx.patrons().insert(new Patron(0, "BP" + p, pinHash, "Bench patron " + p, "ADULT", null, null, null,
                        LocalDate.of(2099, 1, 1), "BENCH", false));
            }
            return bib.id();
        }).join();
        long bibId = storage.read(tx -> tx.bibs().byControlNumber("bench-1").orElseThrow().id()).join();
        for (int c = 0; c < connections; c++) {
            int conn = c;
            storage.write(tx -> {
                for (int k = 0; k < ITEMS_PER_CONNECTION; k++) {
                    tx.items().insert(new Item(0, "BI" + conn + "-" + k, bibId, "BOOK", "BENCH", "BENCH", null, null,
                            BigDecimal.TEN, ItemStatus.AVAILABLE, null, null));
                }
                return null;
            }).join();
        }
    }

    /** Without {@code --writers}: the server's default number of PostgreSQL writers. */
    Path config(Path data, JdbcSettings postgres, Integer pinCacheMinutes) throws IOException {
        return config(data, postgres, pinCacheMinutes, null);
    }

    Path config(Path data, JdbcSettings postgres, Integer pinCacheMinutes, Integer writers) throws IOException {
        Path config = work.resolve("bench-" + data.getFileName() + ".yaml");
        StringBuilder y = new StringBuilder();
        y.append("data-dir: ").append(data).append('\n');
        if (postgres != null) {
            y.append("database:\n  url: ").append(postgres.url()).append("\n  user: postgres\n  password: postgres\n");
            if (writers != null) {
                y.append("  writers: ").append(writers).append('\n');
            }
        }
        y.append("listeners: {http-port: 0, sip2-port: 0, z3950-port: 0}\n");
        y.append("policies:\n  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, fine-per-day: 0}\n");
        y.append("sip2: {max-connections: 20000, idle-timeout-seconds: 0, login-timeout-seconds: 600}\n");
        if (pinCacheMinutes != null) {
            y.append("engine: {pin-cache-minutes: ").append(pinCacheMinutes).append("}\n");
        }
        Files.writeString(config, y);
        return config;
    }

    /** The gateway on the in-memory store (MemoryGateway): the same pipeline with no durability, as a yardstick. */
    private Process serveInMemory(Path config, Path data, int connections) throws IOException {
        // the gateway is not on the bench's classpath (a compile-only dependency): put its own first
        String cp = gatewayClasspath + java.io.File.pathSeparator + System.getProperty("java.class.path");
        return start(List.of("-cp", cp, MemoryGateway.class.getName(), config.toString(), Integer.toString(connections)), data);
    }

    Process serve(Path config, Path data) throws IOException {
        return serve(config, data, List.of());
    }

    /** The gateway with extra JVM options (the kiosk matrix's JFR recording). */
    Process serve(Path config, Path data, List<String> jvmOptions) throws IOException {
        return GatewayProcess.start(jvmOptions, List.of("-cp", gatewayClasspath, "org.stackbridge.gateway.cli.StackbridgeCli", "serve",
                "--config", config.toString()), data, data.resolve("serve.log"));
    }

    private Process start(List<String> mainArgs, Path data) throws IOException {
        return GatewayProcess.start(mainArgs, data, data.resolve("serve.log"));
    }

    private static Map<String, Integer> awaitPorts(Process p, Path data) throws Exception {
        return GatewayProcess.awaitPorts(p, data, data.resolve("serve.log"));
    }

    /** Opens {@code n} logged-in connections, then reports the server's heap after a full GC and its RSS. */
    private void idle(Process server, Map<String, Integer> ports, int n) throws Exception {
        Sip2Requests rq = new Sip2Requests(Clock.systemUTC(), "BENCH");
        List<Sip2Client> clients = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                Sip2Client c = Sip2Client.connect("127.0.0.1", ports.get("sip2"));
                clients.add(c);
                if (!"1".equals(c.send(rq.login("bench", "bench", "BENCH")).fixed(FixedField.OK))) {
                    throw new IOException("login refused on connection " + i);
                }
            }
            double open = (System.nanoTime() - t0) / 1e9;
            new ProcessBuilder("jcmd", Long.toString(server.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            double heapMb = heapUsed(ports.get("http")) / 1048576.0;
            double rssMb = rssKb(server.pid()) / 1024.0;
            int alive = 0;
            for (Sip2Client c : clients) {
                try {
                    if ("98".equals(c.send(rq.scStatus()).code())) {
                        alive++;
                    }
                } catch (IOException e) {
                    // counted as dropped
                }
            }
            System.out.printf(Locale.ROOT, "idle: %d logged-in SIP2 connections opened in %.1f s; server heap after full GC %.1f MB, RSS %.1f MB;"
                    + " %d answered 99 afterwards%n", clients.size(), open, heapMb, rssMb, alive);
        } finally {
            for (Sip2Client c : clients) {
                try {
                    c.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    private static double heapUsed(int httpPort) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * What the server counted, from its {@code /metrics}: engine commands through the route
     * ({@code stackbridge_operation_seconds_count}), SQL statements ({@code stackbridge_db_statements_total}, writer and
     * readers) and slow PIN checks ({@code stackbridge_pin_slow_checks_total}).
     */
    record ServerCounts(double commands, double statements, double pinHashes) {

        static ServerCounts of(int httpPort) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            double commands = 0;
            double statements = 0;
            double pins = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("stackbridge_operation_seconds_count{")) {
                    commands += value(line);
                } else if (line.startsWith("stackbridge_db_statements_total{")) {
                    statements += value(line);
                } else if (line.startsWith("stackbridge_pin_slow_checks_total{")) {
                    pins += value(line);
                }
            }
            return new ServerCounts(commands, statements, pins);
        }

        private static double value(String line) {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }

        ServerCounts minus(ServerCounts earlier) {
            return new ServerCounts(commands - earlier.commands, statements - earlier.statements, pinHashes - earlier.pinHashes);
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Writes of 128 bytes at increasing offsets of a preallocated file, each followed by fsync. */
    private double fsyncRate(Path file) throws IOException {
        return FsyncRate.measure(file, false, 5);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
