package org.stackbridge.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.stackbridge.adapter.catalogue.Bib1Mapping;
import org.stackbridge.adapter.catalogue.LuceneCatalogueIndex;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Lucene catalogue in step with the database. Imports feed changed records directly; records the
 * engine creates (e.g. ILL receipts) are picked up after their transaction commits; at start the index is
 * rebuilt when it does not hold every record. Index work runs on its own thread.
 */
public final class CatalogueSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueSync.class);
    private static final int PAGE = 1000;

    private final LuceneCatalogueIndex index;
    private final TransactionRunner storage;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "catalogue-sync");
        t.setDaemon(true);
        return t;
    });
    private volatile long highWater;
    private final List<BibRecord> pending = new java.util.ArrayList<>();

    private CatalogueSync(LuceneCatalogueIndex index, TransactionRunner storage) {
        this.index = index;
        this.storage = storage;
    }

    /** The configured mapping; a relative file name is taken relative to the configuration file's folder. */
    public static Bib1Mapping mapping(GatewayConfig cfg, Path configDir) {
        String file = cfg.catalogue().mappingFile();
        if (file == null || file.isBlank()) {
            return Bib1Mapping.defaults();
        }
        try {
            Path path = Path.of(file);
            return Bib1Mapping.load(path.isAbsolute() || configDir == null ? path : configDir.resolve(path));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("catalogue.mapping-file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens the index in {@code <data-dir>/catalogue} and makes it hold every stored record. */
    public static CatalogueSync open(GatewayConfig cfg, Path configDir, TransactionRunner storage) {
        LuceneCatalogueIndex index = LuceneCatalogueIndex.open(Path.of(cfg.dataDir()).resolve("catalogue"), mapping(cfg, configDir));
        CatalogueSync sync = new CatalogueSync(index, storage);
        long stored = storage.read(tx -> tx.bibs().count()).join();
        if (index.count() != stored) {
            LOG.info("catalogue index holds {} of {} records; rebuilding", index.count(), stored);
            sync.rebuild();
        } else if (index.layoutOutdated()) {
            LOG.info("catalogue index was written by an older version (no display terms, other word positions); rebuilding");
            sync.rebuild();
        }
        sync.highWater = sync.maxBibId();
        return sync;
    }

    public LuceneCatalogueIndex index() {
        return index;
    }

    /** Re-indexes every stored record; returns how many. */
    public long rebuild() {
        long n = index.rebuild(() -> new BibPages(storage, PAGE));
        highWater = maxBibId();
        return n;
    }

    /** Indexes a record that was just added or changed (after its commit); bursts share one index commit. */
    public void changed(BibRecord bib) {
        synchronized (pending) {
            pending.add(bib);
            if (pending.size() > 1) {
                return; // a drain is already queued
            }
        }
        worker.execute(this::drain);
    }

    private void drain() {
        List<BibRecord> batch;
        synchronized (pending) {
            batch = new java.util.ArrayList<>(pending);
            pending.clear();
        }
        try {
            index.indexAll(batch);
            for (BibRecord b : batch) {
                highWater = Math.max(highWater, b.id());
            }
        } catch (RuntimeException e) {
            LOG.error("indexing {} record(s) failed; `stackbridge index rebuild` repairs the index", batch.size(), e);
        }
    }

    /**
     * Indexes the stored record {@code bibId} again (after its commit), on the index thread; completes once a search
     * finds it as stored. The staff API answers an added or overlaid record only then.
     */
    public java.util.concurrent.CompletableFuture<Void> reindex(long bibId) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            // highWater is left to catchUp: records below this one may still be waiting for it
            storage.read(tx -> tx.bibs().byId(bibId)).join().ifPresent(b -> index.indexAll(List.of(b)));
        }, worker);
    }

    /** Indexes records added since the last look (called after engine transactions that may create records). */
    public void catchUp() {
        worker.execute(() -> {
            try {
                long from = highWater;
                List<BibRecord> page;
                do {
                    long after = from;
                    page = storage.read(tx -> tx.bibs().page(after, PAGE)).join();
                    index.indexAll(page);
                    for (BibRecord b : page) {
                        from = b.id();
                    }
                } while (page.size() == PAGE);
                highWater = Math.max(highWater, from);
            } catch (RuntimeException e) {
                LOG.error("catalogue catch-up failed; `stackbridge index rebuild` repairs the index", e);
            }
        });
    }

    /** Waits until queued index work is done (tests, shutdown, CLI). */
    public void flush() {
        try {
            worker.submit(() -> { }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("catalogue work did not finish", e);
        }
    }

    private long maxBibId() {
        long max = 0;
        List<BibRecord> page;
        do {
            long after = max;
            page = storage.read(tx -> tx.bibs().page(after, PAGE)).join();
            for (BibRecord b : page) {
                max = b.id();
            }
        } while (page.size() == PAGE);
        return max;
    }

    /** True while the Lucene index is open (for {@code /health/ready}). */
    public boolean isOpen() {
        return index.isOpen();
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        index.close();
    }

    /** Streams every record in id order, a page at a time. */
    private static final class BibPages implements java.util.Iterator<BibRecord> {
        private final TransactionRunner storage;
        private final int size;
        private List<BibRecord> page = List.of();
        private int i;
        private long after;
        private boolean done;

        BibPages(TransactionRunner storage, int size) {
            this.storage = storage;
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            if (i < page.size()) {
                return true;
            }
            if (done) {
                return false;
            }
            long from = after;
            page = storage.read(tx -> tx.bibs().page(from, size)).join();
            i = 0;
            done = page.size() < size;
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).id();
            }
            return !page.isEmpty();
        }

        @Override
        public BibRecord next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return page.get(i++);
        }
    }
}
