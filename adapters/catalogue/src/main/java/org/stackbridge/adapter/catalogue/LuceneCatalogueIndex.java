package org.stackbridge.adapter.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.marc4j.marc.Record;
import org.stackbridge.core.catalogue.Attributes;
import org.stackbridge.core.catalogue.CatalogueIndex;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.CatalogueRecord;
import org.stackbridge.core.catalogue.ScanEntry;
import org.stackbridge.core.catalogue.ScanResult;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.core.model.BibRecord;

/**
 * {@link CatalogueIndex} on Lucene 9. Per mapped index three registers, as Zebra keeps them: {@code w.<name>}
 * words (folded, positions kept for phrases), {@code p.<name>} the complete field (folded words joined by one
 * space) for completeness, first-in-field and scan of phrases, and {@code s.<name>} a sort key. The stored
 * ISO 2709 bytes serve presents without re-conversion.
 */
public final class LuceneCatalogueIndex implements CatalogueIndex {

    private static final int MAX_SCAN_TERMS = 1000;
    /**
     * What the documents hold, kept in each commit's user data: 2 = display registers beside the words and word
     * positions one apart between field values. An index written with another layout is rebuilt by its owner.
     */
    static final String LAYOUT_KEY = "stackbridge.layout", LAYOUT = "2";

    private final Bib1Mapping mapping;
    private final Bib1QueryTranslation translation;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final RecordCache cache = new RecordCache(64L << 20);
    private final QueryCache queries = new QueryCache(1000, 2_000_000);
    private volatile boolean layoutOutdated;

    private LuceneCatalogueIndex(Directory directory, Bib1Mapping mapping) throws IOException {
        this.mapping = mapping;
        this.translation = new Bib1QueryTranslation(mapping);
        this.directory = directory;
        IndexWriterConfig cfg = new IndexWriterConfig(new WordAnalyzer());
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        cfg.setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, cfg);
        String committed = null;
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (LAYOUT_KEY.equals(e.getKey())) {
                    committed = e.getValue();
                }
            }
        }
        this.layoutOutdated = writer.getDocStats().numDocs > 0 && !LAYOUT.equals(committed);
        writer.setLiveCommitData(Map.of(LAYOUT_KEY, LAYOUT).entrySet());
        this.searchers = new SearcherManager(writer, null);
    }

    /** True when the index on disk was written with an older layout and needs {@link #rebuild} (until it is rebuilt). */
    public boolean layoutOutdated() {
        return layoutOutdated;
    }

    /** Opens (or creates) the index in {@code dir}. */
    public static LuceneCatalogueIndex open(Path dir, Bib1Mapping mapping) {
        try {
            Files.createDirectories(dir);
            return new LuceneCatalogueIndex(FSDirectory.open(dir), mapping);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open catalogue index in " + dir, e);
        }
    }

    /** A heap-only index (tests, demos). */
    public static LuceneCatalogueIndex inMemory(Bib1Mapping mapping) {
        try {
            return new LuceneCatalogueIndex(new ByteBuffersDirectory(), mapping);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Bib1Mapping mapping() {
        return mapping;
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void index(BibRecord bib) {
        try {
            writer.updateDocument(new Term(CatalogueDocument.ID, Long.toString(bib.id())), CatalogueDocument.of(bib, mapping));
            writer.commit();
            searchers.maybeRefreshBlocking();
            cache.remove(bib.id());
            queries.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces many records with one commit. */
    public long indexAll(Iterable<BibRecord> bibs) {
        return writeAll(bibs, false);
    }

    @Override
    public void delete(long bibId) {
        try {
            writer.deleteDocuments(new Term(CatalogueDocument.ID, Long.toString(bibId)));
            writer.commit();
            searchers.maybeRefreshBlocking();
            cache.remove(bibId);
            queries.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long rebuild(Iterable<BibRecord> bibs) {
        return writeAll(bibs, true);
    }

    /** Writes many records with one commit; {@code fromEmpty} first deletes every document (rebuild). */
    private long writeAll(Iterable<BibRecord> bibs, boolean fromEmpty) {
        try {
            if (fromEmpty) {
                writer.deleteAll();
            }
            long n = 0;
            for (BibRecord b : bibs) {
                if (fromEmpty) {
                    writer.addDocument(CatalogueDocument.of(b, mapping));
                } else {
                    writer.updateDocument(new Term(CatalogueDocument.ID, Long.toString(b.id())), CatalogueDocument.of(b, mapping));
                }
                n++;
            }
            writer.commit();
            if (fromEmpty) {
                layoutOutdated = false;
            }
            searchers.maybeRefreshBlocking();
            cache.clear();
            queries.clear();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    // ------------------------------------------------------------------ searching

    @Override
    public long[] searchIfCached(CatalogueQuery query) {
        // the cached array itself (read-only by contract): a copy per repeated search was the top allocation
        return queries.get(query);
    }

    @Override
    public long[] search(CatalogueQuery query) {
        long[] cached = queries.get(query);
        if (cached != null) {
            return cached.clone();
        }
        long generation = queries.generation();
        IndexSearcher s = acquire();
        try {
            Query q = translation.toLucene(query, s.getIndexReader());
            BibIdCollector c = new BibIdCollector();
            s.search(q, c);
            long[] ids = c.ids();
            Arrays.sort(ids);
            queries.put(query, ids.clone(), generation);
            return ids;
        } catch (IndexSearcher.TooManyClauses e) {
            throw new UnsupportedSearchException(31, "", "query expands to too many terms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
    }

    @Override
    public long[] sort(long[] bibIds, List<SortKey> keys) {
        if (bibIds.length == 0) {
            return bibIds;
        }
        List<SortField> fields = new ArrayList<>();
        for (SortKey k : keys) {
            Bib1Mapping.IndexDef def = mapping.forUse(k.use())
                    .orElseThrow(() -> new UnsupportedSearchException(207, Integer.toString(k.use()), "cannot sort on use attribute " + k.use()));
            if (!def.sortable()) {
                throw new UnsupportedSearchException(207, Integer.toString(k.use()), "index " + def.name() + " has no sort key");
            }
            SortField f = new SortField("s." + def.name(), SortField.Type.STRING, k.descending());
            f.setMissingValue(k.descending() ? SortField.STRING_FIRST : SortField.STRING_LAST);
            fields.add(f);
        }
        fields.add(new SortField(CatalogueDocument.BIB_ID, SortField.Type.LONG));
        IndexSearcher s = acquire();
        try {
            TopFieldDocs td = s.search(LongPoint.newSetQuery(CatalogueDocument.ID_POINT, bibIds), bibIds.length, new Sort(fields.toArray(new SortField[0])));
            long[] out = new long[td.scoreDocs.length];
            for (int i = 0; i < out.length; i++) {
                Object[] v = ((FieldDoc) td.scoreDocs[i]).fields;
                out[i] = (Long) v[v.length - 1];
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
    }

    @Override
    public ScanResult scan(Attributes a, String startTerm, int numberOfTerms, int preferredPosition) {
        Bib1Mapping.IndexDef def = translation.indexFor(a);
        Bib1QueryTranslation.check(a);
        boolean phrase = a.structure() == Attributes.STR_PHRASE || Bib1QueryTranslation.completeField(a);
        String field = (phrase ? "p." : "w.") + def.name();
        String start = TextFolding.phrase(startTerm);
        int want = Math.max(0, Math.min(numberOfTerms, MAX_SCAN_TERMS));
        // the start term (or the first term after it) stands at preferredPosition; entries are positions 1..want, so a
        // position beyond want gives only terms before the start term and a position below 1 only terms after it
        int before = Math.max(0, Math.min(preferredPosition - 1, MAX_SCAN_TERMS + want));
        int skip = Math.max(0, Math.min(1 - preferredPosition, MAX_SCAN_TERMS));
        IndexSearcher s = acquire();
        try {
            Terms terms = MultiTerms.getTerms(s.getIndexReader(), field);
            Terms display = MultiTerms.getTerms(s.getIndexReader(), phrase ? DisplayForms.phraseField(def.name()) : DisplayForms.wordField(def.name()));
            List<ScanEntry> out = new ArrayList<>();
            if (terms == null || want == 0) {
                return new ScanResult(out, 1);
            }
            ArrayDeque<BytesRef> prev = new ArrayDeque<>();
            TermsEnum te = terms.iterator();
            BytesRef startRef = new BytesRef(start);
            if (before > 0) {
                for (BytesRef t = te.next(); t != null && t.compareTo(startRef) < 0; t = te.next()) {
                    if (count(s, field, t) > 0) {
                        prev.addLast(BytesRef.deepCopyOf(t));
                        if (prev.size() > before) {
                            prev.removeFirst();
                        }
                    }
                }
            }
            for (BytesRef t : prev) {
                if (out.size() < want) {
                    out.add(new ScanEntry(t.utf8ToString(), DisplayForms.mostCommon(display, t), count(s, field, t)));
                }
            }
            int position = skip > 0 ? 1 - skip : prev.size() + 1;
            te = terms.iterator();
            if (te.seekCeil(startRef) != TermsEnum.SeekStatus.END) {
                for (BytesRef t = te.term(); t != null && out.size() < want; t = te.next()) {
                    long n = count(s, field, t);
                    if (n > 0 && skip > 0) {
                        skip--;
                    } else if (n > 0) {
                        out.add(new ScanEntry(t.utf8ToString(), DisplayForms.mostCommon(display, t), n));
                    }
                }
            }
            return new ScanResult(out, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
    }

    private static long count(IndexSearcher s, String field, BytesRef t) throws IOException {
        return s.count(new TermQuery(new Term(field, BytesRef.deepCopyOf(t))));
    }

    @Override
    public Optional<CatalogueRecord> record(long bibId) {
        CatalogueRecord cached = cache.get(bibId);
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation = cache.generation();
        IndexSearcher s = acquire();
        try {
            BytesRef key = new BytesRef(Long.toString(bibId));
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(CatalogueDocument.ID);
                if (terms == null) {
                    continue;
                }
                TermsEnum te = terms.iterator();
                if (!te.seekExact(key)) {
                    continue;
                }
                PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Document d = leaf.reader().storedFields().document(doc, Set.of(CatalogueDocument.MARC, CatalogueDocument.CONTROL_NUMBER));
                    BytesRef m = d.getBinaryValue(CatalogueDocument.MARC);
                    CatalogueRecord r = new CatalogueRecord(bibId, d.get(CatalogueDocument.CONTROL_NUMBER), Arrays.copyOfRange(m.bytes, m.offset, m.offset + m.length));
                    cache.put(bibId, r, generation);
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
    }

    @Override
    public Optional<byte[]> recordMarc8(long bibId) {
        return record(bibId).map(r -> {
            Record rec = MarcFields.parse(r.marcUnsafe());
            return rec == null ? null : MarcImport.write(rec, true);
        });
    }

    @Override
    public long count() {
        IndexSearcher s = acquire();
        try {
            return s.getIndexReader().numDocs();
        } finally {
            release(s);
        }
    }

    /** False once the index is closed, or once Lucene closed its writer after a failure it cannot recover from (disk full, I/O error). */
    public boolean isOpen() {
        return writer.isOpen();
    }

    /** Bytes of the index files on disk (0 for an in-memory index). */
    public long sizeOnDisk() {
        try {
            long n = 0;
            for (String f : directory.listAll()) {
                n += directory.fileLength(f);
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher s) {
        try {
            searchers.release(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScoreDoc[] none() {
        return new ScoreDoc[0];
    }
}
