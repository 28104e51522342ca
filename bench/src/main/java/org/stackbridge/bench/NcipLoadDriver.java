package org.stackbridge.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.ill.IllEngine;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.ncip.config.NcipAgency;
import org.stackbridge.ncip.config.NcipSettings;
import org.stackbridge.ncip.server.NcipHttpServer;

/**
 * NCIP load driver: LookupUser and CheckOutItem/CheckInItem requests per second with p50/p99 over N keep-alive
 * connections against the NCIP listener on the in-memory engine (or the real gateway on H2), next to the same
 * driver against a bare Netty HTTP echo handler in the same run (the protocol's upper bound on this machine).
 * Everything on 127.0.0.1; each phase stops by itself after its duration.
 *
 * <p>Usage: {@code java -cp ... org.stackbridge.bench.NcipLoadDriver [--gateway] [connections=16] [seconds=10] [warmupSeconds=3] [xmlThreads=cores]}.
 * With {@code --gateway} the NCIP phases run against the real gateway process on its embedded H2 database instead.
 * Before the measured phases every workload runs untimed for {@code -Dncip.jitWarmup} seconds (default 15; 0 turns it off)
 * so that all phases are measured with compiled code; each phase then has its own {@code warmupSeconds}.
 */
public final class NcipLoadDriver {

    private NcipLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>(Arrays.asList(args));
        boolean gateway = positional.remove("--gateway");
        int connections = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 16;
        int seconds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 10;
        int warmup = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 3;
        Integer xmlThreads = positional.size() > 3 ? Integer.valueOf(positional.get(3)) : null;

        try (Target target = gateway ? GatewayTarget.start(connections) : MemoryTarget.start(connections, xmlThreads);
             HttpEchoServer echo = new HttpEchoServer()) {
            IntFunction<byte[]> lookup = c -> target.lookupUser(c).getBytes(StandardCharsets.UTF_8);
            Body checkOutIn = (c, n) -> (n % 2 == 0 ? target.checkOut(c) : target.checkIn(c)).getBytes(StandardCharsets.UTF_8);
            served = target.process();
            System.out.printf(Locale.ROOT, "NCIP load against %s: %d connections, %d s per phase (+%d s warm-up), %d cores%n",
                    target.name(), connections, seconds, warmup, Runtime.getRuntime().availableProcessors());
            // -Dncip.phases=lookup (or echo, checkout, comma-separated) runs only some phases, e.g. under a profiler
            String phases = System.getProperty("ncip.phases", "echo,lookup,checkout");
            // Untimed JIT warm-up of every workload first: compiling JAXB, Netty and the engine keeps C2 busy for
            // tens of CPU seconds on two cores, and without this the first NCIP phase measures the compiler.
            int jitWarmup = Integer.getInteger("ncip.jitWarmup", 15);
            if (jitWarmup > 0) {
                System.out.printf(Locale.ROOT, "JIT warm-up: %d s per workload, not measured%n", jitWarmup);
                if (phases.contains("echo")) {
                    run(echo.port(), "/echo", connections, jitWarmup, 0, (c, n) -> lookup.apply(c));
                }
                if (phases.contains("lookup")) {
                    run(target.port(), "/ncip", connections, jitWarmup, 0, (c, n) -> lookup.apply(c));
                }
                if (phases.contains("checkout")) {
                    run(target.port(), "/ncip", connections, jitWarmup, 0, checkOutIn);
                }
            }
            if (phases.contains("echo")) {
                report("echo (LookupUser body)", run(echo.port(), "/echo", connections, warmup, seconds, (c, n) -> lookup.apply(c)));
            }
            if (phases.contains("lookup")) {
                report("LookupUser", run(target.port(), "/ncip", connections, warmup, seconds, (c, n) -> lookup.apply(c)));
            }
            if (phases.contains("checkout")) {
                report("CheckOutItem/CheckInItem", run(target.port(), "/ncip", connections, warmup, seconds, checkOutIn));
            }
            if (Boolean.getBoolean("ncip.threadCpu")) {
                threadCpu();
            }
        }
    }

    /** The gateway process when it is measured: its CPU time is added to ours. */
    private static volatile ProcessHandle served;

    /** What the NCIP phases run against. */
    interface Target extends AutoCloseable {
        String name();

        int port();

        String lookupUser(int connection);

        String checkOut(int connection);

        String checkIn(int connection);

        default ProcessHandle process() {
            return null;
        }

        @Override
        void close() throws Exception;
    }

    /** The NCIP listener in this JVM on the engine over the in-memory store. */
    record MemoryTarget(InMemoryCirculation circ, NcipHttpServer server) implements Target {
        static MemoryTarget start(int connections, Integer xmlThreads) throws InterruptedException {
            InMemoryCirculation circ = new InMemoryCirculation(Clock.systemUTC());
            IllEngine.registerWith(circ.engine());
            circ.library("MAIN", "MAIN");
            BibRecord bib = circ.bib("b1", "Benchmark title", "Author");
            for (int i = 0; i < connections; i++) {
                circ.patron("P" + i, "1234", "adult", "MAIN");
                circ.item("I" + i, bib, "book", "MAIN");
            }
            NcipAgency agency = new NcipAgency("secret", null, "reshare", null, null, null, null, null, null);
            NcipSettings settings = new NcipSettings(null, null, false, Map.of("bench", agency), Map.of("MAIN", "MAIN"), null, "USD", xmlThreads);
            return new MemoryTarget(circ, new NcipHttpServer(settings, circ.port(), new SimpleMeterRegistry()).start());
        }

        @Override
        public String name() {
            return "the NCIP listener on the in-memory store";
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public String lookupUser(int c) {
            return NcipBenchMessages.lookupUser("MAIN", "P" + c);
        }

        @Override
        public String checkOut(int c) {
            return NcipBenchMessages.checkOut("MAIN", "P" + c, "I" + c);
        }

        @Override
        public String checkIn(int c) {
            return NcipBenchMessages.checkIn("MAIN", "I" + c);
        }

        @Override
        public void close() {
            server.close();
            circ.close();
        }
    }

    /**
     * The real gateway ({@code stackbridge serve}) in its own JVM on its embedded H2 database, seeded like the
     * SIP2 gateway bench (patrons BP0.., items BI0-0..). Needs {@code ./mvnw -q -DskipTests package -pl bench,gateway -am}.
     */
    record GatewayTarget(Path work, Process process0, int port) implements Target {
        static GatewayTarget start(int connections) throws Exception {
            Path work = Files.createTempDirectory("ncip-bench");
            Path data = work.resolve("h2");
            Sip2GatewayBench.seed(JdbcSettings.embedded(data), connections);
            Path config = work.resolve("bench.yaml");
            Files.writeString(config, "data-dir: " + data + "\n"
                    + "listeners: {http-port: 0, sip2-port: 0, z3950-port: 0}\n"
                    + "policies:\n  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, fine-per-day: 0}\n"
                    + "ncip:\n  libraries: {BENCH: BENCH}\n  agencies:\n    bench: {dialect: reshare, shared-secret: secret}\n");
            Path log = work.resolve("serve.log");
            Process p = GatewayProcess.start(List.of("-cp",
                    System.getProperty("ncip.gatewayClasspath", "gateway/target/stackbridge-gateway.jar:gateway/target/lib/*"),
                    "org.stackbridge.gateway.cli.StackbridgeCli", "serve", "--config", config.toString()), data, log);
            int http = GatewayProcess.awaitPorts(p, data, log).get("http");
            return new GatewayTarget(work, p, http);
        }

        @Override
        public String name() {
            return "the gateway on embedded H2 (its own JVM; CPU/req adds its CPU)";
        }

        @Override
        public ProcessHandle process() {
            return process0.toHandle();
        }

        @Override
        public String lookupUser(int c) {
            return NcipBenchMessages.lookupUser("BENCH", "BP" + c);
        }

        @Override
        public String checkOut(int c) {
            return NcipBenchMessages.checkOut("BENCH", "BP" + c, "BI" + c + "-0");
        }

        @Override
        public String checkIn(int c) {
            return NcipBenchMessages.checkIn("BENCH", "BI" + c + "-0");
        }

        @Override
        public void close() throws Exception {
            process0.destroy();
            process0.waitFor(30, TimeUnit.SECONDS);
            GatewayProcess.deleteTree(work);
        }
    }

    /** CPU seconds by thread kind (name without its number), for finding where a request's cost goes. */
    private static void threadCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Double> byKind = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo t : mx.dumpAllThreads(false, false)) {
            long cpu = mx.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                byKind.merge(t.getThreadName().replaceAll("[-0-9]+$", ""), cpu / 1e9, Double::sum);
            }
        }
        byKind.forEach((k, v) -> System.out.printf(Locale.ROOT, "  cpu %-40s %8.2f s%n", k, v));
    }

    interface Body {
        byte[] next(int connection, long n);
    }

    /** @param cpuNanos CPU time of this whole process (server and load threads) during the measured seconds */
    record Result(long requests, double seconds, long[] latenciesNanos, long errors, long cpuNanos) {
    }

    private static void report(String name, Result r) {
        long[] l = r.latenciesNanos();
        Arrays.sort(l);
        double p50 = l.length == 0 ? 0 : l[(int) (l.length * 0.50)] / 1e6;
        double p99 = l.length == 0 ? 0 : l[Math.min(l.length - 1, (int) (l.length * 0.99))] / 1e6;
        double cpuPerRequest = r.requests() == 0 || r.cpuNanos() < 0 ? 0 : r.cpuNanos() / 1e3 / r.requests();
        System.out.printf(Locale.ROOT, "%-28s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %6.1f µs CPU/req  (%d requests, %d errors)%n",
                name, r.requests() / r.seconds(), p50, p99, cpuPerRequest, r.requests(), r.errors());
    }

    private static Result run(int port, String path, int connections, int warmupSeconds, int seconds, Body body) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        List<long[]> perThread = new ArrayList<>();
        long[] counts = new long[connections];
        long[] errors = new long[connections];
        CountDownLatch done = new CountDownLatch(connections);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[] lat = new long[4_000_000 / connections];
            perThread.add(lat);
            int id = c;
            Thread t = new Thread(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(30_000);
                    OutputStream out = s.getOutputStream();
                    BufferedInputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
                    long n = 0;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        byte[] b = body.next(id, n++);
                        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\nContent-Length: "
                                + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(b);
                        out.flush();
                        boolean ok = readResponse(in);
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom) {
                            int i = (int) counts[id];
                            if (i < lat.length) {
                                lat[i] = t1 - t0;
                            }
                            counts[id]++;
                            if (!ok) {
                                errors[id]++;
                            }
                        }
                    }
                } catch (IOException e) {
                    errors[id]++;
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            threads.add(t);
            t.start();
        }
        // process CPU over the measured window: what one request costs, whatever else runs on the machine
        long cpuFrom = sleepUntilThenCpu(measureFrom);
        long cpuTo = sleepUntilThenCpu(end);
        if (!done.await(warmupSeconds + seconds + 60L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("load threads did not finish");
        }
        long total = Arrays.stream(counts).sum();
        long errs = Arrays.stream(errors).sum();
        long[] all = new long[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        int k = 0;
        for (int c = 0; c < connections; c++) {
            int m = (int) Math.min(counts[c], perThread.get(c).length);
            System.arraycopy(perThread.get(c), 0, all, k, m);
            k += m;
        }
        return new Result(total, seconds, Arrays.copyOf(all, k), errs, cpuFrom < 0 || cpuTo < 0 ? -1 : cpuTo - cpuFrom);
    }

    private static long sleepUntilThenCpu(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long cpu = os.getProcessCpuTime();
            ProcessHandle other = served;
            if (other != null) {
                java.util.Optional<java.time.Duration> d = other.info().totalCpuDuration();
                if (d.isEmpty()) {
                    return -1;
                }
                cpu += d.get().toNanos();
            }
            return cpu;
        }
        return -1;
    }

    /** Reads one HTTP response; true when it is a 200 without an NCIP Problem. */
    private static boolean readResponse(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return status.startsWith("HTTP/1.1 200") && !new String(body, StandardCharsets.UTF_8).contains("Problem>");
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        if (c == -1 && b.length() == 0) {
            throw new IOException("connection closed");
        }
        return b.toString();
    }

}
