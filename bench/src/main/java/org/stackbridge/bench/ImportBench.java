package org.stackbridge.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;

/**
 * A patron import through the running gateway while kiosks are served: starts {@code stackbridge serve} on the embedded
 * H2 database, seeds the SIP2 bench data ({@link Sip2GatewayBench#seed}), measures the kiosks alone for one window,
 * then posts a CSV of {@code --patrons} patrons with plain PINs to {@code POST /api/v1/imports} and keeps the kiosks
 * going (windows of {@code --window} seconds) until the job is done. Reports the import's rows/s (from the job's start
 * and finish) and the kiosks' p50/p99 per window, alone and during the import. PINs are hashed with
 * {@code --hash-iterations} PBKDF2 rounds (the production default 120,000) on {@code --hash-threads} threads (0: one per
 * core).
 *
 * <pre>
 *   ./mvnw -q -DskipTests package -pl bench,gateway -am
 *   java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.ImportBench \
 *       --patrons 50000 --connections 4 --window 10 [--hash-iterations 120000] [--hash-threads 0] [--batch-size 200] [--pre-hashed]
 * </pre>
 */
public final class ImportBench {

    private static final Pattern STATE = Pattern.compile("\"state\":\"(\\w+)\"");
    private static final Pattern READ = Pattern.compile("\"read\":(\\d+)");
    private static final Pattern ADDED = Pattern.compile("\"added\":(\\d+)");
    private static final Pattern REJECTED = Pattern.compile("\"rejected\":(\\d+)");
    private static final Pattern STARTED = Pattern.compile("\"started_at\":\"([^\"]+)\"");
    private static final Pattern FINISHED = Pattern.compile("\"finished_at\":\"([^\"]+)\"");

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int patrons = 50_000;
        int connections = 4;
        int window = 10;
        int hashIterations = SecretHasher.DEFAULT_ITERATIONS;
        int hashThreads = 0;
        int batchSize = 200;
        // the PIN column carries hashes already made (as an export from another system does): nothing to hash
        boolean preHashed = false;
        String cp = "gateway/target/stackbridge-gateway.jar:gateway/target/lib/*";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--patrons" -> patrons = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--hash-iterations" -> hashIterations = Integer.parseInt(args[++i]);
                case "--hash-threads" -> hashThreads = Integer.parseInt(args[++i]);
                case "--batch-size" -> batchSize = Integer.parseInt(args[++i]);
                case "--pre-hashed" -> preHashed = true;
                case "--gateway-classpath" -> cp = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("import-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> GatewayProcess.deleteTree(work)));
        Path data = work.resolve("h2");
        System.out.printf(Locale.ROOT, "# %s, %d cores, %s; %d patrons with %s PINs (PBKDF2 %d rounds, %s hash threads, batches of %d)"
                        + " while %d kiosks do visits (63 with AD, then %d x checkout with AD + checkin)%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                patrons, preHashed ? "pre-hashed" : "plain", hashIterations, hashThreads == 0 ? "one per core" : Integer.toString(hashThreads), batchSize, connections,
                Sip2LoadDriver.DEFAULT_VISIT_PAIRS);
        JdbcSettings jdbc = JdbcSettings.embedded(data);
        Sip2GatewayBench.seed(jdbc, connections);
        try (JdbcStorage storage = JdbcStorage.open(jdbc)) {
            String hash = new SecretHasher(1_000).hash("bench");
            storage.write(tx -> {
                tx.staff().save(new StaffAccount("importer", hash, StaffRole.ADMIN, null, true));
                return null;
            }).join();
        }
        Path csv = work.resolve("patrons.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("barcode,pin,name,category,library,email,expires\n");
            // one production-strength hash made here and used for every row (each a valid stored PIN hash of "2468")
            String stored = preHashed ? SecretHasher.standard().hash("2468") : null;
            for (int i = 0; i < patrons; i++) {
                w.write("IMP" + i + "," + (preHashed ? stored : Integer.toString(1000 + i % 9000)) + ",Imported Patron " + i + ",ADULT,BENCH,p" + i + "@example.org,2030-12-31\n");
            }
        }
        Path config = work.resolve("bench.yaml");
        Files.writeString(config, "data-dir: " + data + "\n"
                + "listeners: {http-port: 0, sip2-port: 0, z3950-port: 0}\n"
                + "policies:\n  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, fine-per-day: 0}\n"
                + "sip2: {max-connections: 20000, idle-timeout-seconds: 0, login-timeout-seconds: 600}\n"
                + "security: {hash-iterations: " + hashIterations + "}\n"
                + "imports: {max-body-bytes: 268435456, hash-threads: " + hashThreads + ", batch-size: " + batchSize + "}\n");
        Process server = GatewayProcess.start(List.of("-cp", cp, "org.stackbridge.gateway.cli.StackbridgeCli", "serve", "--config",
                config.toString()), data, work.resolve("serve.log"));
        try {
            Map<String, Integer> ports = GatewayProcess.awaitPorts(server, data, work.resolve("serve.log"));
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + ports.get("http") + "/api/v1";
            String token = token(http, base);
            Sip2LoadDriver.Result alone = kiosks(ports.get("sip2"), connections, window, 3);
            System.out.printf(Locale.ROOT, "kiosks alone:        p50=%.2f ms p99=%.2f ms pairs/s=%.0f errors=%d%n",
                    alone.p50Millis(), alone.p99Millis(), alone.pairsPerSecond(), alone.errors());
            long t0 = System.nanoTime();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/imports?type=patrons"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
            }
            URI job = URI.create("http://127.0.0.1:" + ports.get("http") + accepted.headers().firstValue("Location").orElseThrow());
            List<Sip2LoadDriver.Result> during = new ArrayList<>();
            String status = accepted.body();
            while (!finished(status)) {
                Sip2LoadDriver.Result r = kiosks(ports.get("sip2"), connections, window, 0);
                status = http.send(HttpRequest.newBuilder(job).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (!finished(status)) {
                    during.add(r);
                    System.out.printf(Locale.ROOT, "kiosks during import: p50=%.2f ms p99=%.2f ms pairs/s=%.0f errors=%d (import: %s rows read)%n",
                            r.p50Millis(), r.p99Millis(), r.pairsPerSecond(), r.errors(), group(READ, status));
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            Duration ran = Duration.between(Instant.parse(group(STARTED, status)), Instant.parse(group(FINISHED, status)));
            long added = Long.parseLong(group(ADDED, status));
            System.out.printf(Locale.ROOT, "import: state=%s added=%d rejected=%s in %.1f s (job) / %.1f s (upload to done): %.0f rows/s%n",
                    group(STATE, status), added, group(REJECTED, status), ran.toMillis() / 1000.0, wall, added / (ran.toMillis() / 1000.0));
            if (!during.isEmpty()) {
                System.out.printf(Locale.ROOT, "kiosks during import (%d windows of %d s, the last one partly after): p50 median=%.2f ms,"
                                + " p99 median=%.2f ms, p99 worst=%.2f ms, errors=%d%n", during.size(), window,
                        median(during.stream().map(Sip2LoadDriver.Result::p50Millis).toList()),
                        median(during.stream().map(Sip2LoadDriver.Result::p99Millis).toList()),
                        during.stream().mapToDouble(Sip2LoadDriver.Result::p99Millis).max().orElse(0),
                        during.stream().mapToLong(Sip2LoadDriver.Result::errors).sum());
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static Sip2LoadDriver.Result kiosks(int port, int connections, int seconds, int warmup) throws InterruptedException {
        return Sip2LoadDriver.run(new Sip2LoadDriver.Options("127.0.0.1", port, false, connections, seconds, warmup,
                "bench", "bench", "BENCH", "BENCH", "BP", "BI", 1001, false, 0)
                .withVisits(Sip2GatewayBench.PIN, Sip2LoadDriver.DEFAULT_VISIT_PAIRS, Sip2GatewayBench.PATRON_POOL));
    }

    private static String token(HttpClient http, String base) throws Exception {
        return token(http, base, "importer");
    }

    /** A staff API token of {@code login} (password "bench"). */
    static String token(HttpClient http, String base, String login) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + login + "\",\"password\":\"bench\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + r.body());
        }
        return m.group(1);
    }

    private static boolean finished(String job) {
        String state = group(STATE, job);
        return state.equals("done") || state.equals("failed");
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
