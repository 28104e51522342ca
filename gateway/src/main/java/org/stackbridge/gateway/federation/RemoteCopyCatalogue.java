package org.stackbridge.gateway.federation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.stackbridge.core.catalogue.CopyCatalogue;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.importer.Marc4jCataloguing;
import org.stackbridge.gateway.importer.MarcImporter;

/**
 * Copy cataloguing for the staff API over the configured {@code federation.targets}: a search runs
 * {@link RemoteCatalogue} (blocking) on its own small pool, never on a network thread; its hits are remembered under
 * random references for {@link #HIT_LIFETIME} (at most {@link #MAX_REMEMBERED}), so one can be shown and imported.
 */
public final class RemoteCopyCatalogue implements CopyCatalogue, AutoCloseable {

    public static final int MAX_HITS = 20;
    static final int MAX_REMEMBERED = 2_000;
    static final Duration HIT_LIFETIME = Duration.ofHours(2);

    private final Map<String, GatewayConfig.Target> targets;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ThreadPoolExecutor pool;
    private final Map<String, Remembered> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    private record Remembered(Fetched fetched, Instant until) {
    }

    public RemoteCopyCatalogue(Map<String, GatewayConfig.Target> targets, Clock clock) {
        this.targets = Map.copyOf(targets);
        this.clock = clock;
        this.pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "copy-cataloguing");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<Target> targets() {
        return targets.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> new Target(e.getKey(), e.getValue().type(),
                "sru".equals(e.getValue().type()) ? e.getValue().url()
                        : e.getValue().host() + ":" + e.getValue().port() + "/" + e.getValue().database())).toList();
    }

    @Override
    public CompletionStage<Hits> search(String target, Query query) {
        GatewayConfig.Target t = targets.get(target);
        if (t == null) {
            throw new IllegalArgumentException("unknown target " + target);
        }
        String pqf = pqf(query);
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    RemoteCatalogue.Found found = RemoteCatalogue.fetchPqf(target, t, pqf, MAX_HITS);
                    List<Hit> hits = new ArrayList<>();
                    for (Record r : found.records()) {
                        hits.add(remember(target, r).hit());
                    }
                    return new Hits(target, found.hits(), hits);
                } catch (RemoteCatalogue.TargetException e) {
                    throw new TargetException(e.getMessage(), e);
                }
            }, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new TargetException("too many copy cataloguing searches at once; try again", e));
        }
    }

    @Override
    public Optional<Fetched> fetched(String ref) {
        synchronized (remembered) {
            Remembered r = remembered.get(ref);
            if (r == null || clock.instant().isAfter(r.until())) {
                remembered.remove(ref);
                return Optional.empty();
            }
            return Optional.of(r.fetched());
        }
    }

    /** PQF for the query: each given field as a term of its Bib-1 use attribute, joined with AND. */
    static String pqf(Query q) {
        List<String> terms = new ArrayList<>();
        if (q.isbn() != null) {
            terms.add("@attr 1=7 \"" + q.isbn() + "\"");
        }
        if (q.title() != null) {
            terms.add("@attr 1=4 \"" + q.title() + "\"");
        }
        if (q.author() != null) {
            terms.add("@attr 1=1003 \"" + q.author() + "\"");
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("give an ISBN, a title or an author");
        }
        return "@and ".repeat(terms.size() - 1) + String.join(" ", terms);
    }

    private Fetched remember(String target, Record record) {
        BibRecord bib;
        try {
            bib = MarcImporter.toBib(record);
        } catch (RuntimeException e) {
            throw new TargetException("target " + target + " sent a record that cannot be converted: " + e.getMessage(), e);
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String ref = target + "." + HexFormat.of().formatHex(id);
        Hit hit = new Hit(ref, target, bib.title(), bib.author(), bib.publisher(), date(record), first(record, "250", 'a'),
                BibIdentifier.of(bib));
        Fetched fetched = new Fetched(hit, bib, Marc4jCataloguing.shown(record));
        synchronized (remembered) {
            remembered.put(ref, new Remembered(fetched, clock.instant().plus(HIT_LIFETIME)));
        }
        return fetched;
    }

    private static String date(Record r) {
        String c = first(r, "264", 'c');
        if (c == null) {
            c = first(r, "260", 'c');
        }
        if (c != null) {
            return MarcImporter.trimPunctuation(c);
        }
        ControlField f008 = (ControlField) r.getVariableField("008");
        return f008 != null && f008.getData().length() >= 11 ? f008.getData().substring(7, 11).trim() : null;
    }

    private static String first(Record r, String tag, char code) {
        DataField f = (DataField) r.getVariableField(tag);
        Subfield s = f == null ? null : f.getSubfield(code);
        return s == null ? null : MarcImporter.trimPunctuation(s.getData());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
