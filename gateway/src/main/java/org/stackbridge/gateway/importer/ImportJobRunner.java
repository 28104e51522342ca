package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.config.GatewayConfig;

/**
 * The gateway's {@link ImportJobs}: a submitted body is spooled to {@code <data-dir>/imports/} (up to the size
 * limit), then imported by one job thread at a time, with up to {@code max-queued} jobs waiting; PINs are hashed on a
 * separate pool of {@code hash-threads}. Jobs are kept in memory (the last {@code kept-jobs}); a job queued or running
 * when the gateway stops is lost with its spool file, and its rows written so far stay written. A submission with the
 * same request key (Idempotency-Key) by the same actor answers the job it made before.
 */
public final class ImportJobRunner implements ImportJobs, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobRunner.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GatewayConfig.Imports settings;
    private final Path spool;
    private final TransactionRunner storage;
    private final SecretHasher hasher;
    private final Set<String> categories;
    private final Set<String> itemTypes;
    private final Consumer<BibRecord> catalogueFeed;
    private final Runnable afterBiblios;
    private final Clock clock;
    private final ThreadPoolExecutor jobs;
    private final ExecutorService hashPool;
    /** Jobs by id, oldest first; guarded by itself. */
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** (actor, channel, request key) to job id; guarded by {@link #entries}. */
    private final Map<String, String> byRequestKey = new LinkedHashMap<>();

    public ImportJobRunner(GatewayConfig.Imports settings, Path spool, TransactionRunner storage, SecretHasher hasher, Set<String> categories,
                           Set<String> itemTypes, Consumer<BibRecord> catalogueFeed, Runnable afterBiblios, Clock clock) {
        this.settings = settings;
        this.spool = spool;
        this.storage = storage;
        this.hasher = hasher;
        this.categories = Set.copyOf(categories);
        this.itemTypes = Set.copyOf(itemTypes);
        this.catalogueFeed = catalogueFeed;
        this.afterBiblios = afterBiblios;
        this.clock = clock;
        this.jobs = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.maxQueued()), daemon("import-job"));
        int hashThreads = settings.effectiveHashThreads();
        this.hashPool = new ThreadPoolExecutor(hashThreads, hashThreads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("import-hash"));
        try {
            Files.createDirectories(spool);
            // spool files of jobs lost in a previous run
            try (var old = Files.newDirectoryStream(spool, "*.upload")) {
                for (Path p : old) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the import directory " + spool, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A job and its live report. */
    private static final class Entry {
        final String id;
        final Kind kind;
        final RequestContext who;
        final String source;
        final Instant submittedAt;
        final ImportReport report;
        volatile State state = State.QUEUED;
        volatile Instant startedAt;
        volatile Instant finishedAt;
        volatile String error;

        Entry(String id, Kind kind, RequestContext who, String source, Instant submittedAt) {
            this.id = id;
            this.kind = kind;
            this.who = who;
            this.source = source;
            this.submittedAt = submittedAt;
            this.report = new ImportReport(source == null ? kind.label() : source, kind.unit());
        }

        Job view() {
            return new Job(id, kind, state, who.actor(), source, submittedAt, startedAt, finishedAt, report.readCount(),
                    report.addedCount(), report.updatedCount(), report.unchangedCount(), report.rejectedCount(), report.rejections(),
                    report.warnings(), error);
        }
    }

    @Override
    public Job submit(Kind kind, RequestContext who, String source, InputStream body) {
        String requestKey = who.requestKey() == null ? null : who.channel() + "\u0000" + who.actor() + "\u0000" + who.requestKey();
        if (requestKey != null) {
            synchronized (entries) {
                String id = byRequestKey.get(requestKey);
                if (id != null && entries.containsKey(id)) {
                    return entries.get(id).view();
                }
            }
        }
        String id = HexFormat.of().formatHex(randomBytes());
        Path file = spool.resolve(id + ".upload");
        try {
            copy(body, file);
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("cannot spool the import to " + spool, e);
        }
        Entry entry = new Entry(id, kind, who, source, clock.instant());
        synchronized (entries) {
            if (requestKey != null && byRequestKey.containsKey(requestKey) && entries.containsKey(byRequestKey.get(requestKey))) {
                delete(file);
                return entries.get(byRequestKey.get(requestKey)).view();
            }
            try {
                jobs.execute(() -> run(entry, file));
            } catch (RejectedExecutionException e) {
                delete(file);
                throw new Refused("the import queue is full (" + settings.maxQueued() + " jobs waiting); try again when one has finished", false);
            }
            entries.put(id, entry);
            if (requestKey != null) {
                byRequestKey.put(requestKey, id);
            }
            forgetOldJobs();
        }
        LOG.info("import job {} queued: {} from {} by {} ({})", id, kind.label(), source, who.actor(), who.channel());
        return entry.view();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    private void copy(InputStream body, Path file) throws IOException {
        long limit = settings.maxBodyBytes();
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new Refused("the file is larger than " + limit + " bytes (imports.max-body-bytes)", true);
                }
                out.write(buf, 0, n);
            }
        } catch (Refused e) {
            delete(file);
            throw e;
        }
    }

    private void forgetOldJobs() {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        int excess = entries.size() - settings.keptJobs();
        while (excess > 0 && it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.state.finished()) {
                it.remove();
                byRequestKey.values().remove(e.id);
                excess--;
            }
        }
    }

    /**
     * The codes a line may give: the code lists as they are when the job starts (the configuration's, seeded into the
     * database, and those an admin added through {@code /patron-categories} and {@code /item-types}).
     */
    private Set<String> codes(Set<String> configured, CodeKind kind) {
        Set<String> all = new java.util.TreeSet<>(configured);
        storage.read(tx -> tx.codes().all(kind)).join().forEach(c -> all.add(c.code()));
        return all;
    }

    private void run(Entry entry, Path file) {
        entry.startedAt = clock.instant();
        entry.state = State.RUNNING;
        ImportActor actor = new ImportActor(entry.who, entry.id, clock);
        try {
            switch (entry.kind) {
                case PATRONS -> new PatronImporter(storage, hasher, codes(categories, CodeKind.PATRON_CATEGORY), hashPool, actor,
                        settings.batchSize()).run(file, entry.report);
                case ITEMS -> new ItemImporter(storage, codes(itemTypes, CodeKind.ITEM_TYPE), actor, settings.batchSize()).run(file, entry.report);
                case BIBLIOS -> {
                    new MarcImporter(storage, catalogueFeed, actor).run(file, entry.report, new Progress(System.err, false, 100, "records"));
                    afterBiblios.run();
                }
            }
            entry.state = State.DONE;
        } catch (CsvImport.ImportFailed e) {
            entry.error = e.getMessage();
            entry.state = State.FAILED;
        } catch (Exception | Error e) {
            LOG.error("import job {} failed", entry.id, e);
            entry.error = "the import stopped: " + CsvImport.rootMessage(e) + " (rows stored before this stay stored)";
            entry.state = State.FAILED;
        } finally {
            entry.finishedAt = clock.instant();
            delete(file);
            LOG.info("import job {} {}: {}", entry.id, entry.state.name().toLowerCase(java.util.Locale.ROOT), entry.report.summary());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    @Override
    public Optional<Job> find(String id) {
        synchronized (entries) {
            Entry e = entries.get(id);
            return e == null ? Optional.empty() : Optional.of(e.view());
        }
    }

    @Override
    public List<Job> recent(int offset, int limit) {
        List<Entry> all;
        synchronized (entries) {
            all = new ArrayList<>(entries.values());
        }
        List<Job> out = new ArrayList<>();
        for (int i = all.size() - 1 - offset; i >= 0 && out.size() < limit; i--) {
            out.add(all.get(i).view());
        }
        return out;
    }

    @Override
    public long maxBodyBytes() {
        return settings.maxBodyBytes();
    }

    @Override
    public void close() {
        jobs.shutdownNow();
        hashPool.shutdownNow();
        try {
            jobs.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
