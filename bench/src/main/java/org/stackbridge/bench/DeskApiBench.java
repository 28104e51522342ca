package org.stackbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;

/**
 * Desk checkout through the staff API beside SIP2 checkout, on one gateway process in one run: per connection a
 * loop of {@code POST /api/v1/checkouts} then {@code POST /api/v1/checkins} (a librarian's bearer token, HTTP/1.1
 * keep-alive, one connection per thread), and the same checkout/checkin pairs over SIP2 without a PIN (the desk
 * sends none), runs alternating. Both use the {@link Sip2GatewayBench} seed (patrons BP*, items BI&lt;c&gt;-&lt;k&gt;).
 *
 * <pre>
 *   ./mvnw -q -DskipTests package -pl bench,gateway -am
 *   java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.DeskApiBench \
 *       --seconds 15 --connections 16 --runs 3 [--backends h2,postgres]
 * </pre>
 */
public final class DeskApiBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAFF = "deskbench";
    private static final String PASSWORD = "desk bench password";

    private DeskApiBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 15;
        int runs = 3;
        int warmup = 15;
        List<Integer> connections = List.of(16);
        List<String> backends = List.of("h2");
        String cp = "gateway/target/stackbridge-gateway.jar:gateway/target/lib/*";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--backends" -> backends = List.of(args[++i].split(","));
                case "--gateway-classpath" -> cp = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("desk-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> GatewayProcess.deleteTree(work)));
        int maxConnections = connections.stream().mapToInt(Integer::intValue).max().orElse(1);
        System.out.printf(Locale.ROOT, "# %s, %d cores, %s; desk API checkout+checkin vs SIP2 checkout+checkin (no PIN)%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (String backend : backends) {
            EmbeddedPostgres pg = backend.equals("postgres") ? DurablePostgres.start() : null;
            Path data = work.resolve(backend);
            try {
                JdbcSettings jdbc = pg == null ? JdbcSettings.embedded(data) : JdbcSettings.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                try (JdbcStorage storage = JdbcStorage.open(jdbc)) {
                    Sip2GatewayBench.seed(storage, maxConnections);
                    String hash = new SecretHasher(1_000).hash(PASSWORD);
                    storage.write(tx -> {
                        tx.staff().save(new StaffAccount(STAFF, hash, StaffRole.LIBRARIAN, null, true));
                        return null;
                    }).join();
                }
                Path config = work.resolve("desk-" + backend + ".yaml");
                StringBuilder y = new StringBuilder("data-dir: " + data + "\n");
                if (pg != null) {
                    y.append("database:\n  url: ").append(jdbc.url()).append("\n  user: postgres\n  password: postgres\n");
                }
                y.append("listeners: {http-port: 0, sip2-port: 0, z3950-port: 0}\n");
                y.append("policies:\n  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, fine-per-day: 0}\n");
                y.append("sip2: {max-connections: 20000, idle-timeout-seconds: 0, login-timeout-seconds: 600}\n");
                Files.writeString(config, y);
                Process server = GatewayProcess.start(List.of("-cp", cp, "org.stackbridge.gateway.cli.StackbridgeCli", "serve",
                        "--config", config.toString()), data, data.resolve("serve.log"));
                try {
                    Map<String, Integer> ports = GatewayProcess.awaitPorts(server, data, data.resolve("serve.log"));
                    String base = "http://127.0.0.1:" + ports.get("http") + "/api/v1";
                    String token = login(base);
                    // untimed warm-up of both paths, so C2 has compiled them before the first measurement
                    api(base, token, maxConnections, warmup);
                    sip2(ports.get("sip2"), maxConnections, warmup);
                    for (int n : connections) {
                        List<Sip2LoadDriver.Result> sip = new ArrayList<>();
                        List<Sip2LoadDriver.Result> desk = new ArrayList<>();
                        for (int r = 0; r < runs; r++) {
                            sip.add(sip2(ports.get("sip2"), n, seconds));
                            desk.add(api(base, token, n, seconds));
                        }
                        report(backend, "SIP2 (no PIN)", n, sip);
                        report(backend, "desk API", n, desk);
                        System.out.printf(Locale.ROOT, "%s connections=%d desk API / SIP2 pairs/s = %.2f%n", backend, n,
                                Sip2GatewayBench.median(desk.stream().map(Sip2LoadDriver.Result::pairsPerSecond).toList())
                                        / Sip2GatewayBench.median(sip.stream().map(Sip2LoadDriver.Result::pairsPerSecond).toList()));
                    }
                } finally {
                    server.destroy();
                    server.waitFor(30, TimeUnit.SECONDS);
                }
            } finally {
                GatewayProcess.deleteTree(data);
                if (pg != null) {
                    pg.close();
                }
            }
        }
    }

    private static void report(String backend, String what, int n, List<Sip2LoadDriver.Result> results) {
        System.out.printf(Locale.ROOT, "%s %s connections=%d pairs/s median=%.0f (runs %s) requests/s=%.0f p50 median=%.2f ms p99 median=%.2f ms errors=%d%n",
                backend, what, n, Sip2GatewayBench.median(results.stream().map(Sip2LoadDriver.Result::pairsPerSecond).toList()),
                results.stream().map(x -> String.format(Locale.ROOT, "%.0f", x.pairsPerSecond())).toList(),
                2 * Sip2GatewayBench.median(results.stream().map(Sip2LoadDriver.Result::pairsPerSecond).toList()),
                Sip2GatewayBench.median(results.stream().map(Sip2LoadDriver.Result::p50Millis).toList()),
                Sip2GatewayBench.median(results.stream().map(Sip2LoadDriver.Result::p99Millis).toList()),
                results.stream().mapToLong(Sip2LoadDriver.Result::errors).sum());
    }

    private static Sip2LoadDriver.Result sip2(int port, int n, int seconds) throws InterruptedException {
        return Sip2LoadDriver.run(new Sip2LoadDriver.Options("127.0.0.1", port, false, n, seconds, 0,
                "bench", "bench", "BENCH", "BENCH", "BP", "BI", 1001, false, 0));
    }

    private static String login(String base) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + STAFF + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("staff login refused: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("token").asText();
    }

    /** {@code n} threads, each with its own HTTP/1.1 client (one kept-alive connection), checking out and in. */
    private static Sip2LoadDriver.Result api(String base, String token, int n, int seconds) throws InterruptedException {
        long[][] latencies = new long[n][];
        int[] counts = new int[n];
        AtomicLong errors = new AtomicLong();
        AtomicLong pairs = new AtomicLong();
        CountDownLatch done = new CountDownLatch(n);
        long from = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long to = from + TimeUnit.SECONDS.toNanos(seconds);
        for (int c = 0; c < n; c++) {
            int conn = c;
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int count = 0;
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
                try {
                    int k = 0;
                    while (System.nanoTime() < from) {
                        Thread.onSpinWait();
                    }
                    while (System.nanoTime() < to) {
                        String item = "BI" + conn + "-" + k;
                        k = (k + 1) % 1001;
                        long t0 = System.nanoTime();
                        int out = post(http, base + "/checkouts", token, "{\"patron\":\"BP" + conn + "\",\"item\":\"" + item + "\"}");
                        long t1 = System.nanoTime();
                        int in = post(http, base + "/checkins", token, "{\"item\":\"" + item + "\"}");
                        long t2 = System.nanoTime();
                        if (t2 > to) {
                            break;
                        }
                        if (out != 201 || in != 200) {
                            errors.incrementAndGet();
                        }
                        pairs.incrementAndGet();
                        if (count + 2 > lat.length) {
                            lat = Arrays.copyOf(lat, lat.length * 2);
                        }
                        lat[count++] = t1 - t0;
                        lat[count++] = t2 - t1;
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    System.err.println("desk connection " + conn + " failed: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    latencies[conn] = lat;
                    counts[conn] = count;
                    done.countDown();
                }
            }, "desk-load-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await(seconds + 120L, TimeUnit.SECONDS);
        return Sip2LoadDriver.result(latencies, counts, pairs.get(), errors.get(), seconds, 0);
    }

    private static int post(HttpClient http, String url, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }
}
