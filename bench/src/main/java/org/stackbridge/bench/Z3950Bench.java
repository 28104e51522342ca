package org.stackbridge.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.marc4j.MarcStreamWriter;
import org.marc4j.marc.DataField;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.stackbridge.adapter.catalogue.Bib1Mapping;
import org.stackbridge.adapter.catalogue.LuceneCatalogueIndex;
import org.stackbridge.adapter.catalogue.MarcImport;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.z3950.client.Z3950Client;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.z3950.query.Z3950QueryMapper;
import org.stackbridge.z3950.server.Z3950Server;
import org.stackbridge.z3950.config.Z3950Settings;

/**
 * Z39.50 throughput and catalogue scale benchmark.
 *
 * <pre>
 * java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.Z3950Bench \
 *      compare CORPUS.mrc N [zebraHost:port/Database]     (-Drounds=3)
 * java -cp ... org.stackbridge.bench.Z3950Bench synthetic RECORDS QUERIES [indexDir]
 * </pre>
 *
 * {@code compare} indexes the corpus into an on-disk Lucene index (timed), starts our target on an ephemeral
 * port, and runs the workload of shared/bench/zebra/bench-zoom.pl (10 rotating queries; N searches, then N/5
 * (at least 200) search + present 10 USMARC F) per association over 1 and 8 associations against our target and, when given, Zebra: each
 * workload runs on ours then on Zebra, the whole sequence {@code rounds} times, and the medians are printed.
 * {@code synthetic} generates a seeded MARC21 corpus, indexes it (records/s, index size) and measures search
 * latency p50/p99 on the index.
 */
public final class Z3950Bench {

    static final List<String> QUERIES = List.of("@attr 1=4 pride", "@attr 1=1003 austen", "@attr 1=7 0060933259",
            "@attr 1=21 courtship", "@attr 1=1016 computer", "@and @attr 1=1003 austen @attr 1=4 prejudice",
            "@or @attr 1=4 emma @attr 1=4 persuasion", "@attr 1=4 @attr 5=1 prejud",
            "@attr 1=4 @attr 4=1 @attr 6=3 \"pride and prejudice\"", "@attr 1=1016 jane");

    private Z3950Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("compare")) {
            compare(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 2000, args.length > 3 ? args[3] : null,
                    Integer.getInteger("rounds", 3));
        } else if (args.length >= 3 && args[0].equals("serve")) {
            serve(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length >= 2 && args[0].equals("synthetic")) {
            synthetic(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 2000,
                    args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("sb-synthetic"));
        } else {
            System.err.println("usage: Z3950Bench compare CORPUS.mrc [N] [zebraHost:port/db] | synthetic RECORDS [QUERIES] [DIR]");
            System.exit(2);
        }
    }

    // ------------------------------------------------------------------ compare

    static void compare(Path corpus, int n, String zebra, int rounds) throws Exception {
        System.out.printf(Locale.ROOT, "# %s cores=%d java=%s corpus=%s N=%d%n", java.time.Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), corpus, n);
        List<BibRecord> bibs;
        try (InputStream in = Files.newInputStream(corpus)) {
            bibs = MarcImport.readAll(in);
        }
        List<BibRecord> withIds = new ArrayList<>();
        for (int i = 0; i < bibs.size(); i++) {
            withIds.add(bibs.get(i).withId(i + 1));
        }
        Path dir = Files.createTempDirectory("sb-bench-index");
        try (LuceneCatalogueIndex index = LuceneCatalogueIndex.open(dir, Bib1Mapping.defaults());
             InMemoryCirculation circ = new InMemoryCirculation(Clock.systemUTC())) {
            long t0 = System.nanoTime();
            index.rebuild(withIds);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "indexing: %d records in %.3f s (%.0f records/s), index %d bytes%n", withIds.size(), secs,
                    withIds.size() / secs, index.sizeOnDisk());
            Z3950Settings settings = Z3950Settings.defaults().withPort(0);
            try (Z3950Server server = new Z3950Server(settings, index, circ.port(), new SimpleMeterRegistry()).start()) {
                String ours = "127.0.0.1:" + server.port() + "/Default";
                warmUp(ours, Math.max(200, n / 4));
                List<String> targets = zebra == null ? List.of(ours) : List.of(ours, zebra);
                if (zebra != null) {
                    warmUp(zebra, Math.max(200, n / 4));
                }
                int[][] workloads = {{0, 1}, {10, 1}, {0, 8}, {10, 8}};
                java.util.Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
                for (int round = 1; round <= rounds; round++) {
                    for (int[] w : workloads) {
                        // alternate the targets inside each workload so both see the same load
                        for (String target : targets) {
                            String name = target.equals(ours) ? "stackbridge" : "zebra";
                            double r = run(name, target, w[0] == 0 ? n : Math.max(200, n / 5), w[0], w[1]);
                            rates.computeIfAbsent(String.format(Locale.ROOT, "%-12s conns=%d present=%-2d", name, w[1], w[0]),
                                    k -> new ArrayList<>()).add(r);
                        }
                    }
                }
                System.out.println("# medians over " + rounds + " rounds (ops/s)");
                rates.forEach((k, v) -> {
                    List<Double> sorted = v.stream().sorted().toList();
                    System.out.printf(Locale.ROOT, "%s %8.0f   (runs %s)%n", k, sorted.get(sorted.size() / 2),
                            v.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
                });
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Indexes the corpus and serves it on 127.0.0.1:PORT until the process is stopped (for bench.sh / check.sh). */
    static void serve(Path corpus, int port) throws Exception {
        List<BibRecord> bibs;
        try (InputStream in = Files.newInputStream(corpus)) {
            bibs = MarcImport.readAll(in);
        }
        List<BibRecord> withIds = new ArrayList<>();
        for (int i = 0; i < bibs.size(); i++) {
            withIds.add(bibs.get(i).withId(i + 1));
        }
        Path dir = Files.createTempDirectory("sb-serve-index");
        LuceneCatalogueIndex index = LuceneCatalogueIndex.open(dir, Bib1Mapping.defaults());
        index.rebuild(withIds);
        InMemoryCirculation circ = new InMemoryCirculation(Clock.systemUTC());
        Z3950Server server = new Z3950Server(Z3950Settings.defaults().withPort(port), index, circ.port(), new SimpleMeterRegistry()).start();
        System.out.println("serving " + withIds.size() + " records on 127.0.0.1:" + server.port() + "/Default");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            index.close();
            circ.close();
        }));
        Thread.currentThread().join();
    }

    /** Both search-only and search + present, so the JIT has compiled both paths (client and our target) before timing. */
    private static void warmUp(String target, int n) throws Exception {
        runOne(target, Math.max(3000, n), 0, 0);
        runOne(target, Math.max(1000, n / 2), 10, 0);
    }

    /** One row: N x (search [+ present P]) on each of {@code conns} associations in parallel. */
    static double run(String name, String target, int n, int present, int conns) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(conns);
        try {
            List<Callable<long[]>> jobs = new ArrayList<>();
            for (int c = 0; c < conns; c++) {
                final int offset = c;
                jobs.add(() -> runOne(target, n, present, offset));
            }
            long t0 = System.nanoTime();
            long ops = 0;
            long recs = 0;
            long bytes = 0;
            for (Future<long[]> f : pool.invokeAll(jobs)) {
                long[] r = f.get();
                ops += r[0];
                recs += r[1];
                bytes += r[2];
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%-12s conns=%d present=%-2d %7d ops in %7.3f s: %8.0f ops/s %9.0f records/s %6.1f MB/s%n",
                    name, conns, present, ops, secs, ops / secs, recs / secs, bytes / secs / 1e6);
            return ops / secs;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Returns {operations, records, record bytes}. */
    static long[] runOne(String target, int n, int present, int offset) throws IOException {
        String hostPort = target.substring(0, target.indexOf('/'));
        String db = target.substring(target.indexOf('/') + 1);
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        long recs = 0;
        long bytes = 0;
        List<PqfParser.Pqf> parsed = QUERIES.stream().map(PqfParser::parse).toList();
        try (Z3950Client c = new Z3950Client(host, port, 30_000)) {
            if (!c.init().result()) {
                throw new IOException("init refused by " + target);
            }
            for (int i = 0; i < n; i++) {
                PqfParser.Pqf q = parsed.get((i + offset) % parsed.size());
                Z3950Pdu.SearchResponse s = c.search(db, q.attributeSet(), q.rpn(), "default");
                int m = Math.min(present, s.resultCount());
                if (m > 0) {
                    Z3950Pdu.PresentResponse p = (Z3950Pdu.PresentResponse) c.present("default", 1, m, Oids.USMARC, "F");
                    if (p.records() instanceof Z3950Pdu.ResponseRecords rr) {
                        for (Z3950Pdu.NamePlusRecord r : rr.records()) {
                            recs++;
                            bytes += r.record() == null ? 0 : r.record().size();
                        }
                    }
                }
            }
        }
        return new long[] {n, recs, bytes};
    }

    // ------------------------------------------------------------------ synthetic scale

    static void synthetic(int records, int queries, Path dir) throws Exception {
        System.out.printf(Locale.ROOT, "# %s synthetic corpus: %d records, index in %s%n", java.time.Instant.now(), records, dir);
        Random rnd = new Random(42);
        String[] words = vocabulary(rnd, 20_000);
        String[] names = vocabulary(new Random(7), 5_000);
        try (LuceneCatalogueIndex index = LuceneCatalogueIndex.open(dir, Bib1Mapping.defaults())) {
            long t0 = System.nanoTime();
            long genNanos = 0;
            int batch = 50_000;
            for (int start = 0; start < records; start += batch) {
                long g0 = System.nanoTime();
                List<BibRecord> chunk = new ArrayList<>(batch);
                for (int i = start; i < Math.min(records, start + batch); i++) {
                    chunk.add(syntheticBib(i + 1, rnd, words, names));
                }
                genNanos += System.nanoTime() - g0;
                if (start == 0) {
                    index.rebuild(chunk);
                } else {
                    index.indexAll(chunk);
                }
            }
            double total = (System.nanoTime() - t0) / 1e9;
            double indexing = total - genNanos / 1e9;
            System.out.printf(Locale.ROOT, "generated+indexed %d records in %.1f s (MARC generation %.1f s); indexing %.0f records/s; index %.1f MB on disk%n",
                    records, total, genNanos / 1e9, records / indexing, index.sizeOnDisk() / 1e6);
            Random qr = new Random(99);
            long[] lat = new long[queries];
            long hits = 0;
            for (int i = 0; i < Math.min(200, queries); i++) {
                index.search(query(qr, words, names));
            }
            for (int i = 0; i < queries; i++) {
                CatalogueQuery q = query(qr, words, names);
                long s = System.nanoTime();
                hits += index.search(q).length;
                lat[i] = System.nanoTime() - s;
            }
            Arrays.sort(lat);
            System.out.printf(Locale.ROOT, "search latency over %d queries (avg %d hits): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", queries,
                    hits / queries, lat[queries / 2] / 1e6, lat[(int) (queries * 0.99)] / 1e6, lat[queries - 1] / 1e6);
        }
    }

    private static CatalogueQuery query(Random r, String[] words, String[] names) {
        String pqf = switch (r.nextInt(5)) {
            case 0 -> "@attr 1=4 " + zipf(r, words);
            case 1 -> "@attr 1=1003 " + zipf(r, names);
            case 2 -> "@and @attr 1=4 " + zipf(r, words) + " @attr 1=1003 " + zipf(r, names);
            case 3 -> "@attr 1=4 @attr 5=1 " + zipf(r, words).substring(0, 3);
            default -> "@attr 1=1016 " + zipf(r, words);
        };
        PqfParser.Pqf p = PqfParser.parse(pqf);
        return Z3950QueryMapper.map(p.attributeSet(), p.rpn(), x -> null);
    }

    private static String zipf(Random r, String[] v) {
        // skewed towards frequent words, like real query logs
        double u = r.nextDouble();
        return v[(int) Math.min(v.length - 1, Math.floor(Math.pow(v.length, u)) - 1)];
    }

    private static String[] vocabulary(Random r, int n) {
        String[] out = new String[n];
        String consonants = "bcdfghjklmnprstvwz";
        String vowels = "aeiou";
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            int syl = 2 + r.nextInt(3);
            for (int s = 0; s < syl; s++) {
                b.append(consonants.charAt(r.nextInt(consonants.length()))).append(vowels.charAt(r.nextInt(vowels.length())));
            }
            out[i] = b.append(i % 7 == 0 ? "n" : "").toString();
        }
        return out;
    }

    private static final MarcFactory FACTORY = MarcFactory.newInstance();

    static BibRecord syntheticBib(long id, Random r, String[] words, String[] names) {
        Record rec = FACTORY.newRecord("00000nam a2200000 a 4500");
        String cn = "syn" + id;
        rec.addVariableField(FACTORY.newControlField("001", cn));
        int year = 1800 + r.nextInt(225);
        rec.addVariableField(FACTORY.newControlField("008", "200101s" + year + "    xxu           000 1 eng d"));
        String isbn = String.format(Locale.ROOT, "978%09d", id % 1_000_000_000L);
        rec.addVariableField(FACTORY.newDataField("020", ' ', ' ', "a", isbn + check13(isbn)));
        String author = capital(zipf(r, names)) + ", " + capital(zipf(r, names));
        rec.addVariableField(FACTORY.newDataField("100", '1', ' ', "a", author));
        StringBuilder title = new StringBuilder(capital(zipf(r, words)));
        for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
            title.append(' ').append(zipf(r, words));
        }
        rec.addVariableField(FACTORY.newDataField("245", '1', '0', "a", title.toString()));
        DataField pub = FACTORY.newDataField("260", ' ', ' ', "a", capital(zipf(r, words)) + " :", "b", capital(zipf(r, names)) + " Press,");
        pub.addSubfield(FACTORY.newSubfield('c', Integer.toString(year)));
        rec.addVariableField(pub);
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            rec.addVariableField(FACTORY.newDataField("650", ' ', '0', "a", capital(zipf(r, words)), "x", zipf(r, words)));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
        MarcStreamWriter w = new MarcStreamWriter(out, "UTF-8");
        w.write(rec);
        w.close();
        return new BibRecord(id, cn, title.toString(), author, isbn, null, Integer.toString(year), out.toByteArray());
    }

    private static int check13(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10;
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            Iterator<Path> it = s.sorted(java.util.Comparator.reverseOrder()).iterator();
            while (it.hasNext()) {
                Files.deleteIfExists(it.next());
            }
        }
    }
}
