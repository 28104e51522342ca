package org.stackbridge.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.command.Commands.CheckIn;
import org.stackbridge.core.command.Commands.CheckOut;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.EventSink;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.core.service.LocalCirculationPort;

/**
 * Durable commit rate of the storage: checkout+checkin pairs per second through {@link LocalCirculationPort}
 * on {@link JdbcStorage} at several numbers of concurrent callers, with group commit (maxBatch as
 * configured) and without (maxBatch 1: one commit, one fsync per command), next to the disk's raw
 * single-commit fsync rate and each database's single-row autocommit INSERT rate, all measured in the same
 * run. PostgreSQL is started by the bench (zonky embedded) with fsync and synchronous_commit ON. On PostgreSQL each
 * configuration runs with every number of writers given by {@code --writers} (H2 always has one writer); each caller is
 * a terminal of its own (its own SIP2 login), so the callers spread over the writers.
 *
 * <pre>
 * java -cp bench/target/stackbridge-bench.jar:bench/target/lib/* org.stackbridge.bench.CommitRateBench \
 *      [--data DIR] [--seconds 10] [--runs 3] [--callers 1,16,64] [--batches 64,1] [--db h2,postgres] [--writers 1,4]
 * </pre>
 */
public final class CommitRateBench {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final int MAX_CALLERS = 256;
    private static final CirculationRule RULE = new CirculationRule(null, null, null, 14, PeriodUnit.DAYS, 0, 14, 1_000,
            new BigDecimal("0.25"), 2, new BigDecimal("5.00"), true, 7, ClosedDayStrategy.NEXT_OPEN_DAY, "bench");

    private final Path data;
    private final int seconds;
    private final int runs;
    private final List<Integer> callers;
    private final List<Integer> batches;
    private final List<String> databases;
    private final List<Integer> writers;
    /** measurement name → one value per run */
    private final Map<String, List<Double>> results = new LinkedHashMap<>();
    private final Map<String, List<Double>> batchSizes = new LinkedHashMap<>();
    private final Map<String, List<Double>> cpuPerPair = new LinkedHashMap<>();
    private double lastCpuMicrosPerPair;

    private CommitRateBench(Path data, int seconds, int runs, List<Integer> callers, List<Integer> batches, List<String> databases,
                            List<Integer> writers) {
        this.data = data;
        this.seconds = seconds;
        this.runs = runs;
        this.callers = callers;
        this.batches = batches;
        this.databases = databases;
        this.writers = writers;
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("target/commit-rate-bench");
        int seconds = 10;
        int runs = 3;
        List<Integer> callers = List.of(1, 16, 64);
        List<Integer> batches = List.of(JdbcSettings.DEFAULT_MAX_BATCH, 1);
        List<String> databases = List.of("h2", "postgres");
        List<Integer> writers = List.of(JdbcSettings.DEFAULT_WRITERS);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = Path.of(require(args[i], value));
                case "--seconds" -> seconds = Integer.parseInt(require(args[i], value));
                case "--runs" -> runs = Integer.parseInt(require(args[i], value));
                case "--callers" -> callers = ints(require(args[i], value));
                case "--batches" -> batches = ints(require(args[i], value));
                case "--db" -> databases = Arrays.asList(require(args[i], value).split(","));
                case "--writers" -> writers = ints(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --data DIR --seconds N --runs N --callers 1,16,64 --batches 64,1 --db h2,postgres --writers 1,4)");
            }
            i++;
        }
        if (callers.stream().anyMatch(c -> c < 1 || c > MAX_CALLERS)) {
            throw new IllegalArgumentException("callers must be 1.." + MAX_CALLERS);
        }
        new CommitRateBench(data.toAbsolutePath(), seconds, runs, callers, batches, databases, writers).run();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private void run() throws Exception {
        Files.createDirectories(data);
        log("data directory " + data + ", " + seconds + " s per measurement, " + runs + " run(s), "
                + Runtime.getRuntime().availableProcessors() + " CPU(s)");
        EmbeddedPostgres pg = databases.contains("postgres") ? startPostgres() : null;
        try {
            Map<String, JdbcSettings> settings = new LinkedHashMap<>();
            for (String db : databases) {
                settings.put(db, switch (db) {
                    case "h2" -> JdbcSettings.embedded(data.resolve("h2"));
                    case "postgres" -> new JdbcSettings(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                            JdbcSettings.DEFAULT_POOL_SIZE, JdbcSettings.DEFAULT_MAX_BATCH);
                    default -> throw new IllegalArgumentException("unknown database " + db + " (h2, postgres)");
                });
            }
            for (Map.Entry<String, JdbcSettings> e : settings.entrySet()) {
                try (JdbcStorage storage = JdbcStorage.open(e.getValue())) {
                    seed(storage);
                    log(e.getKey() + ": warm-up");
                    pairsPerSecond(storage, 16, Math.min(5, seconds));
                }
            }
            for (int run = 1; run <= runs; run++) {
                log("run " + run + "/" + runs + ", load average " + loadAverage());
                record("fsync: append + force(true)", fsyncRate(true));
                record("fsync: overwrite + force(false)", fsyncRate(false));
                for (Map.Entry<String, JdbcSettings> e : settings.entrySet()) {
                    String db = e.getKey();
                    record(db + ": autocommit INSERT", autocommitInserts(db, e.getValue(), pg));
                    // both writer configurations stay open and alternate per caller count, so the
                    // comparison is taken at nearly the same moment on a machine whose load drifts
                    List<JdbcStorage> storages = new ArrayList<>();
                    try {
                        for (int maxBatch : batches) {
                            List<Integer> counts = e.getValue().isPostgres() ? writers : List.of(1);
                            for (int n : counts) {
                                storages.add(JdbcStorage.open(e.getValue().withMaxBatch(maxBatch).withWriters(n)));
                            }
                        }
                        for (int c : callers) {
                            for (JdbcStorage storage : storages) {
                                JdbcStorage.WriterStats before = storage.stats();
                                double pairs = pairsPerSecond(storage, c, seconds);
                                JdbcStorage.WriterStats after = storage.stats();
                                String key = db + ": pairs/s, maxBatch " + storage.settings().maxBatch()
                                        + (storage.settings().isPostgres() ? ", writers " + storage.settings().writerCount() : "")
                                        + ", " + c + " caller(s)";
                                record(key, pairs);
                                long b = after.batches() - before.batches();
                                batchSizes.computeIfAbsent(key, k -> new ArrayList<>())
                                        .add(b == 0 ? 0 : (double) (after.committedUnits() - before.committedUnits()) / b);
                                cpuPerPair.computeIfAbsent(key, k -> new ArrayList<>()).add(lastCpuMicrosPerPair);
                            }
                        }
                    } finally {
                        storages.forEach(JdbcStorage::close);
                    }
                }
            }
            log("done, load average " + loadAverage());
            report(pg);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        EmbeddedPostgres pg = DurablePostgres.start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('data_directory')")) {
            rs.next();
            log("PostgreSQL data: " + rs.getString(1));
            s.execute("CREATE DATABASE insert_bench");
        } catch (SQLException e) {
            throw new IOException("PostgreSQL setup failed", e);
        }
        return pg;
    }

    /** Small records, each made durable by itself: the ceiling of one-commit-per-command. */
    private double fsyncRate(boolean append) throws IOException {
        return FsyncRate.measure(data.resolve(append ? "fsync-append.bin" : "fsync-ring.bin"), append, seconds);
    }

    /** One thread, one row per committed transaction. */
    private double autocommitInserts(String db, JdbcSettings storageSettings, EmbeddedPostgres pg) throws SQLException {
        String url = db.equals("h2") ? JdbcSettings.embedded(data.resolve("h2-insert")).url() : pg.getJdbcUrl("postgres", "insert_bench");
        try (Connection c = DriverManager.getConnection(url, storageSettings.user(), storageSettings.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS commit_probe (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " payload VARCHAR(100) NOT NULL)");
            }
            c.setAutoCommit(true);
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO commit_probe (payload) VALUES (?)")) {
                long start = System.nanoTime();
                long end = start + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < end) {
                    ps.setString(1, "probe row " + n);
                    ps.executeUpdate();
                    n++;
                }
                return n / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static LocalCirculationPort port(JdbcStorage storage) {
        CirculationEngine engine = new CirculationEngine(Clock.fixed(NOW, ZoneOffset.UTC), EngineSettings.defaults(),
                () -> new PolicyTable(List.of(RULE)));
        return new LocalCirculationPort(engine, storage, EventSink.NONE);
    }

    /**
     * Each caller owns one patron and one item and repeats checkout then checkin, each issued when the
     * previous one completed. Callers are asynchronous chains, not threads, as in the gateway, where a
     * few event-loop threads issue commands and continue in the completion callback.
     */
    private double pairsPerSecond(JdbcStorage storage, int callerCount, int measureSeconds) throws InterruptedException {
        LocalCirculationPort port = port(storage);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong pairs = new AtomicLong();
        AtomicLong refusals = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(callerCount);
        for (int k = 0; k < callerCount; k++) {
            RequestContext ctx = RequestContext.of(Channel.SIP2, "bench-" + k, "MAIN");
            new Caller(port, ctx, "BP" + k, "BI" + k, stop, pairs, refusals, stopped).next();
        }
        Thread.sleep(500);
        long c0 = pairs.get();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(measureSeconds));
        long c1 = pairs.get();
        long cpu1 = processCpuNanos();
        long t1 = System.nanoTime();
        lastCpuMicrosPerPair = c1 == c0 ? 0 : (cpu1 - cpu0) / 1e3 / (c1 - c0);
        stop.set(true);
        if (!stopped.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("callers did not finish");
        }
        if (refusals.get() > 0) {
            throw new IllegalStateException(refusals.get() + " checkout/checkin pair(s) were refused; the bench data is inconsistent");
        }
        return (c1 - c0) / ((t1 - t0) / 1e9);
    }

    /** One simulated terminal: checkout, then checkin, then again, until told to stop. */
    private record Caller(LocalCirculationPort port, RequestContext ctx, String patron, String item, AtomicBoolean stop,
                          AtomicLong pairs, AtomicLong refusals, CountDownLatch stopped) {
        void next() {
            if (stop.get()) {
                stopped.countDown();
                return;
            }
            port.execute(new CheckOut(ctx, patron, item, null, false, false, false))
                    .thenCompose(out -> port.execute(new CheckIn(ctx, item, false)).thenApply(in ->
                            out instanceof Outcome.Success && in instanceof Outcome.Success))
                    .whenComplete((ok, error) -> {
                        if (error == null && ok) {
                            pairs.incrementAndGet();
                            next();
                        } else {
                            // a refused or failed pair ends this caller; the bench reports it as an error
                            refusals.incrementAndGet();
                            stopped.countDown();
                        }
                    });
        }
    }

    /** CPU time of this JVM (all threads); the PostgreSQL server's own processes are not included. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void seed(JdbcStorage storage) {
        storage.write(tx -> {
            if (tx.patrons().byBarcode("BP0").isPresent()) {
                return null;
            }
            tx.libraries().save(Library.of("MAIN", "Main library"));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "bench-bib", "Bench title", "Bench author", null, null, null, null));
            for (int k = 0; k < MAX_CALLERS; k++) {
                tx.patrons().insert(new Patron(0, "BP" + k, null, "Bench patron " + k, "ADULT", null, null, null,
                        LocalDate.of(2099, 1, 1), "MAIN", false));
                tx.items().insert(new Item(0, "BI" + k, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", null, new BigDecimal("10.00"),
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).join();
    }

    private void record(String key, double value) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        log(String.format(Locale.ROOT, "  %-48s %10.0f", key, value));
    }

    private void report(EmbeddedPostgres pg) {
        double fsync = median(results.get("fsync: overwrite + force(false)"));
        StringBuilder out = new StringBuilder();
        out.append("\n| measurement | median | runs | avg batch | JVM CPU µs/pair | vs fsync (overwrite+fdatasync) |\n"
                + "|---|---:|---|---:|---:|---:|\n");
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            double m = median(e.getValue());
            List<Double> b = batchSizes.get(e.getKey());
            boolean pairs = e.getKey().contains("pairs/s");
            List<Double> cpu = cpuPerPair.get(e.getKey());
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %s |%n", e.getKey(), m,
                    e.getValue().stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList(),
                    b == null ? "" : String.format(Locale.ROOT, "%.1f", median(b)),
                    cpu == null ? "" : String.format(Locale.ROOT, "%.0f", median(cpu)),
                    // a pair is two durable commands
                    String.format(Locale.ROOT, "%.2f×%s", (pairs ? 2 * m : m) / fsync, pairs ? " (commands)" : "")));
        }
        System.out.println(out);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void log(String line) {
        System.err.println(line);
    }
}
