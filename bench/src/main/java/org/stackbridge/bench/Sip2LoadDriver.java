package org.stackbridge.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.server.Sip2Server;
import org.stackbridge.sip2.server.Sip2Settings;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * SIP2 load driver: N connections each log in and loop checkout + checkin on their own items for S seconds,
 * then pairs/s and request latency percentiles are printed. Data convention (seed it in the target server):
 * patron {@code <patronPrefix><c>} and items {@code <itemPrefix><c>-<k>} (k &lt; itemsPerConnection) for connection c,
 * all in the login's institution. {@code --embedded} starts a server on the in-memory engine with that data.
 * {@code --idle N} instead opens N logged-in connections and holds them for the duration.
 * <p>
 * {@code --pin P} drives kiosk visits instead, as self-check machines do: per visit a 63 patron information with
 * AD (it must answer CQ Y), then {@code --visit-pairs} checkouts with AD, each followed by its checkin. With
 * {@code --patron-pool M} (M &gt; 0) successive visits, across connections and across runs in one process, take patrons
 * {@code <patronPrefix>0 .. <patronPrefix>M-1} in turn, so each visit brings a patron whose PIN the server has not
 * seen lately until the pool wraps (seed M patrons, all with PIN P); without it connection c's patron visits again.
 *
 * <pre>
 *   java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.Sip2LoadDriver \
 *       --embedded --connections 16 --duration 20
 * </pre>
 */
public final class Sip2LoadDriver {

    /**
     * @param itemsPerConnection items each connection cycles through; keep it odd and not a multiple of 5 so the same
     *                           (item, AY) pair does not recur within a second (that would be a retransmission)
     */
    public record Options(String host, int port, boolean tls, int connections, int durationSeconds, int warmupSeconds,
                          String login, String password, String institution, String location, String patronPrefix,
                          String itemPrefix, int itemsPerConnection, boolean embedded, int idle,
                          String pin, int visitPairs, int patronPool, int firstConnection) {

        /** The checkout/checkin loop without PINs. */
        public Options(String host, int port, boolean tls, int connections, int durationSeconds, int warmupSeconds,
                       String login, String password, String institution, String location, String patronPrefix,
                       String itemPrefix, int itemsPerConnection, boolean embedded, int idle) {
            this(host, port, tls, connections, durationSeconds, warmupSeconds, login, password, institution, location, patronPrefix,
                    itemPrefix, itemsPerConnection, embedded, idle, null, DEFAULT_VISIT_PAIRS, 0, 0);
        }

        /** The same load as kiosk visits with {@code pin} ({@code null}: the plain loop). */
        public Options withVisits(String kioskPin, int pairsPerVisit, int pool) {
            return new Options(host, port, tls, connections, durationSeconds, warmupSeconds, login, password, institution, location,
                    patronPrefix, itemPrefix, itemsPerConnection, embedded, idle, kioskPin, pairsPerVisit, pool, firstConnection);
        }

        /**
         * The same load from connections numbered {@code first}.. (their kiosk account, patron and items), so a second
         * driver can run beside this one on the same gateway without sharing a kiosk, a patron or an item.
         */
        public Options numberedFrom(int first) {
            return new Options(host, port, tls, connections, durationSeconds, warmupSeconds, login, password, institution, location,
                    patronPrefix, itemPrefix, itemsPerConnection, embedded, idle, pin, visitPairs, patronPool, first);
        }

        static Options parse(String[] args) {
            Options o = new Options("127.0.0.1", 6001, false, 1, 10, 2, "bench", "bench", "BENCH", null, "BP", "BI", 1001, false, 0);
            String kioskPin = null;
            int pairsPerVisit = DEFAULT_VISIT_PAIRS;
            int pool = 0;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--host" -> { o = o.with(1, v); i++; }
                    case "--port" -> { o = o.with(2, v); i++; }
                    case "--tls" -> o = o.with(3, "true");
                    case "--connections" -> { o = o.with(4, v); i++; }
                    case "--duration" -> { o = o.with(5, v); i++; }
                    case "--warmup" -> { o = o.with(6, v); i++; }
                    case "--login" -> { o = o.with(7, v); i++; }
                    case "--password" -> { o = o.with(8, v); i++; }
                    case "--institution" -> { o = o.with(9, v); i++; }
                    case "--location" -> { o = o.with(10, v); i++; }
                    case "--patron-prefix" -> { o = o.with(11, v); i++; }
                    case "--item-prefix" -> { o = o.with(12, v); i++; }
                    case "--items-per-connection" -> { o = o.with(13, v); i++; }
                    case "--embedded" -> o = o.with(14, "true");
                    case "--idle" -> { o = o.with(15, v); i++; }
                    case "--pin" -> { kioskPin = required(v); i++; }
                    case "--visit-pairs" -> { pairsPerVisit = Integer.parseInt(required(v)); i++; }
                    case "--patron-pool" -> { pool = Integer.parseInt(required(v)); i++; }
                    default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                }
            }
            return o.withVisits(kioskPin, pairsPerVisit, pool);
        }

        private static String required(String v) {
            if (v == null) {
                throw new IllegalArgumentException("missing value\n" + USAGE);
            }
            return v;
        }

        private Options with(int field, String v) {
            required(v);
            return new Options(field == 1 ? v : host, field == 2 ? Integer.parseInt(v) : port, field == 3 || tls,
                    field == 4 ? Integer.parseInt(v) : connections, field == 5 ? Integer.parseInt(v) : durationSeconds,
                    field == 6 ? Integer.parseInt(v) : warmupSeconds, field == 7 ? v : login, field == 8 ? v : password,
                    field == 9 ? v : institution, field == 10 ? v : location, field == 11 ? v : patronPrefix,
                    field == 12 ? v : itemPrefix, field == 13 ? Integer.parseInt(v) : itemsPerConnection, field == 14 || embedded,
                    field == 15 ? Integer.parseInt(v) : idle, pin, visitPairs, patronPool, firstConnection);
        }

        /** The patron of connection {@code conn}'s next visit. */
        String nextVisitor(int conn) {
            return patronPrefix + (patronPool > 0 ? NEXT_VISITOR.getAndIncrement() % patronPool : conn);
        }

        /** How many patrons the data convention needs for {@code n} connections. */
        int patronsFor(int n) {
            return Math.max(n, patronPool);
        }
    }

    /** Checkout/checkin pairs per kiosk visit unless {@code --visit-pairs} says otherwise. */
    public static final int DEFAULT_VISIT_PAIRS = 3;

    /** The next patron of the pool, shared by every connection and run of this process. */
    private static final AtomicLong NEXT_VISITOR = new AtomicLong();

    /** Requests sent (and answered) by this process so far, every kind, logins and warm-ups included. */
    private static final java.util.concurrent.atomic.LongAdder MESSAGES = new java.util.concurrent.atomic.LongAdder();

    /** Requests sent and answered by every run of this process so far (logins, warm-ups and tails included). */
    public static long messagesSent() {
        return MESSAGES.sum();
    }

    /** Kiosk visits started by this process so far (all runs, warm-up included). */
    public static long visitsStarted() {
        return NEXT_VISITOR.get();
    }

    static final String USAGE = """
            usage: Sip2LoadDriver [--host H] [--port P] [--tls] [--connections N] [--duration S] [--warmup S]
                                  [--login L --password W --institution AO] [--location CP]
                                  [--patron-prefix BP] [--item-prefix BI] [--items-per-connection K]
                                  [--embedded] [--idle N]
                                  [--pin P [--visit-pairs K] [--patron-pool M]]""";

    /** {@code visits}: kiosk visits (63 with AD) in the measured window; 0 for the plain loop. */
    public record Result(int connections, long pairs, long errors, double seconds, double pairsPerSecond,
                         double p50Millis, double p99Millis, double maxMillis, long visits) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "sip2 connections=%d pairs=%d errors=%d seconds=%.1f pairs/s=%.1f "
                    + "request p50=%.3f ms p99=%.3f ms max=%.3f ms%s", connections, pairs, errors, seconds, pairsPerSecond,
                    p50Millis, p99Millis, maxMillis, visits == 0 ? "" : " visits=" + visits);
        }
    }

    private Sip2LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        InMemoryCirculation circ = null;
        Sip2Server server = null;
        try {
            if (o.embedded()) {
                int seeded = Math.max(o.connections(), o.idle() > 0 ? 1 : 0);
                circ = seed(o, seeded);
                Options seededFor = o;
                server = new Sip2Server(new Sip2Settings(o.host(), 0, null, null, null, 0, 50_000, null, null, null, null, null,
                        o.institution(), null, null), circ.port(), new SimpleMeterRegistry()).start();
                o = new Options(o.host(), server.port(), false, o.connections(), o.durationSeconds(), o.warmupSeconds(), o.login(),
                        o.password(), o.institution(), o.location(), o.patronPrefix(), o.itemPrefix(), o.itemsPerConnection(), false, o.idle())
                        .withVisits(seededFor.pin(), seededFor.visitPairs(), seededFor.patronPool());
            }
            if (o.idle() > 0) {
                idle(o, server);
            } else {
                System.out.println(run(o));
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (circ != null) {
                circ.close();
            }
        }
    }

    /** Seeds the in-memory engine with the driver's data convention. */
    static InMemoryCirculation seed(Options o, int connections) {
        InMemoryCirculation circ = new InMemoryCirculation(Clock.systemDefaultZone());
        circ.library(o.institution(), o.institution());
        circ.account(o.login(), o.password(), o.institution(), "default");
        BibRecord bib = circ.bib("BENCH-1", "Benchmark title", "Bench");
        for (int p = 0; p < o.patronsFor(connections); p++) {
            circ.patron(o.patronPrefix() + p, o.pin(), "adult", o.institution());
        }
        for (int c = 0; c < connections; c++) {
            for (int k = 0; k < o.itemsPerConnection(); k++) {
                circ.item(o.itemPrefix() + c + "-" + k, bib, "book", o.institution());
            }
        }
        return circ;
    }

    /** Runs the checkout/checkin load and returns the measurement (warm-up excluded). */
    public static Result run(Options o) throws InterruptedException {
        int n = o.connections();
        long[][] latencies = new long[n][];
        int[] counts = new int[n];
        AtomicLong errors = new AtomicLong();
        AtomicLong pairs = new AtomicLong();
        AtomicLong visits = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch done = new CountDownLatch(n);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        Clock clock = Clock.systemDefaultZone();
        long startAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long measureFrom = startAt + TimeUnit.SECONDS.toNanos(o.warmupSeconds());
        long endAt = measureFrom + TimeUnit.SECONDS.toNanos(o.durationSeconds());
        window[0] = measureFrom;
        window[1] = endAt;
        for (int c = 0; c < n; c++) {
            final int slot = c;
            final int conn = o.firstConnection() + c;
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int count = 0;
                Sip2Requests rq = new Sip2Requests(clock, o.institution());
                // a read timeout well above any queueing a loaded 2-core machine produces: a slow answer is measured, not dropped
                Sip2Client.Options plain = Sip2Client.Options.plain();
                Sip2Client.Options copts = new Sip2Client.Options(plain.tls(), plain.trustAll(), plain.errorDetection(), plain.charset(),
                        60_000, plain.maxResponse());
                if (o.tls()) {
                    copts = copts.withTls(true);
                }
                try (Sip2Client client = Sip2Client.connect(o.host(), o.port(), copts)) {
                    // "kiosk-%d": each connection its own terminal account, as real kiosks are (and its own writer key)
                    String account = o.login().contains("%d") ? String.format(Locale.ROOT, o.login(), conn) : o.login();
                    Sip2Message login = client.send(rq.login(account, o.password(), o.location()));
                    MESSAGES.increment();
                    if (!"1".equals(login.fixed(FixedField.OK))) {
                        throw new IOException("login refused for " + account);
                    }
                    ready.countDown();
                    String patron = o.patronPrefix() + conn;
                    int k = 0;
                    int pairsLeftInVisit = 0;
                    while (System.nanoTime() < endAt) {
                        if (o.pin() != null && pairsLeftInVisit == 0) {
                            // a new patron at the kiosk: 63 with AD, as self-check machines log the patron in
                            patron = o.nextVisitor(conn);
                            pairsLeftInVisit = o.visitPairs();
                            long v0 = System.nanoTime();
                            Sip2Message info = client.send(rq.patronInformation(patron, o.pin(), -1, null, null));
                            long v1 = System.nanoTime();
                            MESSAGES.increment();
                            if (v0 >= measureFrom && v1 <= endAt) {
                                visits.incrementAndGet();
                                if (!"Y".equals(info.field(FieldCode.CQ))) {
                                    errors.incrementAndGet();
                                }
                                if (count + 1 > lat.length) {
                                    lat = Arrays.copyOf(lat, lat.length * 2);
                                }
                                lat[count++] = v1 - v0;
                            }
                        }
                        pairsLeftInVisit--;
                        String item = o.itemPrefix() + conn + "-" + k;
                        k = (k + 1) % o.itemsPerConnection();
                        long t0 = System.nanoTime();
                        Sip2Message out = client.send(rq.checkout(patron, item, o.pin()));
                        long t1 = System.nanoTime();
                        Sip2Message in = client.send(rq.checkin(item, o.location()));
                        long t2 = System.nanoTime();
                        MESSAGES.add(2);
                        boolean ok = "1".equals(out.fixed(FixedField.OK)) && "1".equals(in.fixed(FixedField.OK));
                        if (t0 >= measureFrom && t2 <= endAt) {
                            if (!ok) {
                                errors.incrementAndGet();
                            }
                            pairs.incrementAndGet();
                            if (count + 2 > lat.length) {
                                lat = Arrays.copyOf(lat, lat.length * 2);
                            }
                            lat[count++] = t1 - t0;
                            lat[count++] = t2 - t1;
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    System.err.println("connection " + conn + " failed: " + e.getMessage());
                    ready.countDown();
                } finally {
                    latencies[slot] = lat;
                    counts[slot] = count;
                    done.countDown();
                }
            }, "sip2-load-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ready.await(60, TimeUnit.SECONDS);
        done.await(o.durationSeconds() + o.warmupSeconds() + 120L, TimeUnit.SECONDS);
        return result(latencies, counts, pairs.get(), errors.get(), (window[1] - window[0]) / 1e9, visits.get());
    }

    /** The measurement of {@code latencies.length} connections: each one's first {@code counts[c]} latencies (ns) merged. */
    static Result result(long[][] latencies, int[] counts, long pairs, long errors, double seconds, long visits) {
        int n = latencies.length;
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < n; c++) {
            if (latencies[c] != null) {
                System.arraycopy(latencies[c], 0, all, at, counts[c]);
                at += counts[c];
            }
        }
        Arrays.sort(all, 0, at);
        return new Result(n, pairs, errors, seconds, pairs / seconds, percentile(all, at, 0.50),
                percentile(all, at, 0.99), at == 0 ? 0 : all[at - 1] / 1e6, visits);
    }

    static double percentile(long[] sorted, int n, double q) {
        if (n == 0) {
            return 0;
        }
        int i = (int) Math.min(n - 1, Math.ceil(q * n) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** Opens {@code idle} logged-in connections, holds them for the duration and reports how many stayed open. */
    static void idle(Options o, Sip2Server embedded) throws InterruptedException {
        List<Sip2Client> clients = new ArrayList<>();
        Sip2Requests rq = new Sip2Requests(Clock.systemDefaultZone(), o.institution());
        long t0 = System.nanoTime();
        int failed = 0;
        for (int i = 0; i < o.idle(); i++) {
            try {
                Sip2Client c = Sip2Client.connect(o.host(), o.port());
                if (!"1".equals(c.send(rq.login(o.login(), o.password(), o.location())).fixed(FixedField.OK))) {
                    failed++;
                    c.close();
                    continue;
                }
                clients.add(c);
            } catch (IOException e) {
                failed++;
            }
        }
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "sip2 idle: %d connections logged in (%d failed) in %.1f s%s%n", clients.size(), failed, openSeconds,
                embedded == null ? "" : ", server reports " + embedded.connections());
        if (embedded != null) {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf(Locale.ROOT, "sip2 idle: JVM heap used after GC %.1f MB (driver and server share this JVM)%n",
                    (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(o.durationSeconds()));
        int alive = 0;
        Sip2Message status = null;
        for (Sip2Client c : clients) {
            try {
                status = c.send(rq.scStatus());
                alive++;
            } catch (IOException e) {
                // counted as dropped
            }
        }
        System.out.printf(Locale.ROOT, "sip2 idle: %d of %d still answer 99 after %d s%s%n", alive, clients.size(), o.durationSeconds(),
                status == null ? "" : "");
        for (Sip2Client c : clients) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
