package org.stackbridge.bench;

import com.icegreen.greenmail.util.GreenMail;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;

/**
 * The notices job over {@code --loans} (10,000) overdue loans, one per patron, while kiosks are served: starts
 * {@code stackbridge serve} on the embedded database with SMTP pointed at a GreenMail server in this process (a local
 * sink: no network, no TLS), runs {@code POST /api/v1/notices/run} and keeps {@code --connections} SIP2 kiosks going in
 * windows of {@code --window} seconds until every notice is sent. Reports the job's time (POST to the last notice
 * sent, from the outbox; and when the last one was recorded) and the kiosks' p50/p99 alone and during the job. With
 * {@code --sink folder} there is no SMTP server: the notices are written as {@code .eml} files to
 * {@code notices.mail-folder} (the time to record and render without sending). {@code --senders} and
 * {@code --claim-size} set {@code notices.senders} and {@code notices.claim-size}.
 *
 * <pre>
 *   ./mvnw -q -DskipTests package -pl bench,gateway -am
 *   java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.NoticeJobBench \
 *       [--loans 10000] [--connections 8] [--window 5] [--sink smtp|folder] [--senders 2] [--claim-size 20]
 * </pre>
 */
public final class NoticeJobBench {

    private static final Pattern TOTAL = Pattern.compile("(?i)x-total-count");

    private NoticeJobBench() {
    }

    public static void main(String[] args) throws Exception {
        int loans = 10_000;
        int connections = 8;
        int window = 5;
        String cp = "gateway/target/stackbridge-gateway.jar:gateway/target/lib/*";
        String sink = "smtp";
        String tuning = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--loans" -> loans = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--gateway-classpath" -> cp = args[++i];
                case "--sink" -> sink = args[++i];
                case "--senders" -> tuning += ", senders: " + Integer.parseInt(args[++i]);
                case "--claim-size" -> tuning += ", claim-size: " + Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("notice-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> GatewayProcess.deleteTree(work)));
        Path data = work.resolve("h2");
        if (!sink.equals("smtp") && !sink.equals("folder")) {
            throw new IllegalArgumentException("--sink: smtp or folder");
        }
        System.out.printf(Locale.ROOT, "# %s, %d cores, %s; %d overdue loans (one per patron, e-mail to %s%s) while %d kiosks do visits%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), loans, sink, tuning, connections);
        JdbcSettings jdbc = JdbcSettings.embedded(data);
        Sip2GatewayBench.seed(jdbc, connections);
        Instant due = Instant.now().minus(Duration.ofDays(3));
        try (JdbcStorage storage = JdbcStorage.open(jdbc)) {
            String hash = new SecretHasher(1_000).hash("bench");
            long bib = storage.write(tx -> {
                tx.staff().save(new StaffAccount("noticer", hash, StaffRole.ADMIN, null, true));
                return tx.bibs().insert(new BibRecord(0, "notice-bench", "Overdue Everywhere", "Late, Ann", null, null, null, null)).id();
            }).join();
            for (int from = 0; from < loans; from += 500) {
                int start = from;
                int end = Math.min(loans, from + 500);
                storage.write(tx -> {
                    for (int i = start; i < end; i++) {
                        long p = tx.patrons().insert(new Patron(0, "NP" + i, null, "Notice Patron " + i, "ADULT", "np" + i + "@example.org",
                                null, "Street " + i, LocalDate.of(2099, 1, 1), "BENCH", false, null, NoticePreference.EMAIL, "en")).id();
                        long item = tx.items().insert(new Item(0, "NI" + i, bib, "BOOK", "BENCH", "BENCH", null, null, BigDecimal.TEN,
                                ItemStatus.CHECKED_OUT, null, null)).id();
                        tx.loans().insert(new Loan(0, item, p, "BENCH", due.minus(Duration.ofDays(21)), due, null, 0, Channel.DESK, null));
                    }
                    return null;
                }).join();
            }
        }
        GreenMail smtp = new GreenMail(com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Path config = work.resolve("bench.yaml");
        Files.writeString(config, "data-dir: " + data + "\n"
                + "listeners: {http-port: 0, sip2-port: 0, z3950-port: 0}\n"
                + "policies:\n  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, fine-per-day: 0.25}\n"
                + "sip2: {max-connections: 20000, idle-timeout-seconds: 0, login-timeout-seconds: 600}\n"
                + "engine: {maintenance-minutes: 0}\n"
                + "notices: {enabled: false, from: bench@example.org" + tuning + (sink.equals("smtp")
                        ? ", smtp: {host: 127.0.0.1, port: " + smtp.getSmtp().getPort() + ", starttls: false}}\n"
                        : ", mail-folder: mail}\n"));
        Process server = GatewayProcess.start(List.of("-cp", cp, "org.stackbridge.gateway.cli.StackbridgeCli", "serve", "--config",
                config.toString()), data, work.resolve("serve.log"));
        try {
            Map<String, Integer> ports = GatewayProcess.awaitPorts(server, data, work.resolve("serve.log"));
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + ports.get("http") + "/api/v1";
            String token = ImportBench.token(http, base, "noticer");
            Sip2LoadDriver.Result alone = ImportBench.kiosks(ports.get("sip2"), connections, window, 3);
            System.out.printf(Locale.ROOT, "kiosks alone:       p50=%.2f ms p99=%.2f ms pairs/s=%.0f errors=%d%n",
                    alone.p50Millis(), alone.p99Millis(), alone.pairsPerSecond(), alone.errors());
            long t0 = System.nanoTime();
            Instant posted = Instant.now();
            HttpRequest run = HttpRequest.newBuilder(URI.create(base + "/notices/run")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            var answer = http.sendAsync(run, HttpResponse.BodyHandlers.ofString());
            List<Sip2LoadDriver.Result> during = new ArrayList<>();
            long sent = 0;
            while (sent < loans) {
                Sip2LoadDriver.Result r = ImportBench.kiosks(ports.get("sip2"), connections, window, 0);
                sent = count(http, base + "/notices?state=sent&_per_page=1", token);
                during.add(r);
                System.out.printf(Locale.ROOT, "kiosks during job:  p50=%.2f ms p99=%.2f ms pairs/s=%.0f errors=%d (%d notices sent)%n",
                        r.p50Millis(), r.p99Millis(), r.pairsPerSecond(), r.errors(), sent);
                if ((System.nanoTime() - t0) / 1e9 > 900) {
                    throw new IllegalStateException("the notices job did not finish within 15 minutes");
                }
            }
            HttpResponse<String> done = answer.get(60, TimeUnit.SECONDS);
            // the job's own time: from the POST to the last notice's sent_at in the outbox
            HttpResponse<String> newest = http.send(HttpRequest.newBuilder(URI.create(base + "/notices?state=sent&_per_page=1"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            Matcher first = Pattern.compile("\"created_at\":\"([^\"]+)\".*?\"sent_at\":\"([^\"]+)\"").matcher(newest.body());
            double wall = (System.nanoTime() - t0) / 1e9;
            long delivered;
            if (sink.equals("smtp")) {
                delivered = smtp.getReceivedMessages().length;
            } else {
                try (var files = Files.list(data.resolve("mail"))) {
                    delivered = files.filter(f -> f.getFileName().toString().endsWith(".eml")).count();
                }
            }
            System.out.printf(Locale.ROOT, "notice job: %d notices recorded and mailed; POST answered %d %s; %.1f s from the POST"
                            + " until the outbox showed all sent (polled every %d s); %s received %d%n",
                    sent, done.statusCode(), done.body(), wall, window, sink.equals("smtp") ? "GreenMail" : "the mail folder", delivered);
            if (first.find()) {
                Instant recorded = Instant.parse(first.group(1));
                Instant last = Instant.parse(first.group(2));
                System.out.printf(Locale.ROOT, "last notice: recorded %s (%.1f s after the POST), sent %s; the job from the POST to"
                                + " the last notice sent: %.1f s%n", first.group(1), Duration.between(posted, recorded).toMillis() / 1e3,
                        first.group(2), Duration.between(posted, last).toMillis() / 1e3);
            }
            System.out.printf(Locale.ROOT, "kiosks during job (%d windows): p50 median=%.2f ms, p99 worst=%.2f ms, errors=%d%n",
                    during.size(), Sip2GatewayBench.median(during.stream().map(Sip2LoadDriver.Result::p50Millis).toList()),
                    during.stream().mapToDouble(Sip2LoadDriver.Result::p99Millis).max().orElse(0),
                    during.stream().mapToLong(Sip2LoadDriver.Result::errors).sum());
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            smtp.stop();
        }
    }

    private static long count(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(r.headers().map().entrySet().stream().filter(e -> TOTAL.matcher(e.getKey()).matches())
                .findFirst().orElseThrow().getValue().get(0));
    }
}
