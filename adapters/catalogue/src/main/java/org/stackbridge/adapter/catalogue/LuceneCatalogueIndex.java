package org.stackbridge.adapter.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.WildcardQuery;
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

    private static final String ID = "id";
    private static final String ID_POINT = "idp";
    private static final String BIB_ID = "bibid";
    private static final String MARC = "marc";
    private static final String CONTROL_NUMBER = "cn";
    private static final int MAX_EXPANSIONS = 4096;
    private static final int MAX_SCAN_TERMS = 1000;
    private static final Set<Integer> RELATIONS = Set.of(1, 2, 3, 4, 5, 6, 102, 103);
    private static final Set<Integer> STRUCTURES = Set.of(1, 2, 3, 4, 5, 6, 100, 101, 102, 105, 106, 107, 108, 109);
    private static final Set<Integer> TRUNCATIONS = Set.of(1, 2, 3, 100, 101, 102, 103, 104);

    private final Bib1Mapping mapping;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final RecordCache cache = new RecordCache(64L << 20);
    private final QueryCache queries = new QueryCache(1000, 2_000_000);

    private LuceneCatalogueIndex(Directory directory, Bib1Mapping mapping) throws IOException {
        this.mapping = mapping;
        this.directory = directory;
        IndexWriterConfig cfg = new IndexWriterConfig(new WordAnalyzer());
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        cfg.setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, cfg);
        this.searchers = new SearcherManager(writer, null);
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
            writer.updateDocument(new Term(ID, Long.toString(bib.id())), document(bib));
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
        try {
            long n = 0;
            for (BibRecord b : bibs) {
                writer.updateDocument(new Term(ID, Long.toString(b.id())), document(b));
                n++;
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
            cache.clear();
            queries.clear();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(long bibId) {
        try {
            writer.deleteDocuments(new Term(ID, Long.toString(bibId)));
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
        try {
            writer.deleteAll();
            long n = 0;
            for (BibRecord b : bibs) {
                writer.addDocument(document(b));
                n++;
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
            cache.clear();
            queries.clear();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Document document(BibRecord bib) {
        Record rec = bib.marc().length > 0 ? MarcFields.parse(bib.marc()) : null;
        byte[] marc = bib.marc();
        if (rec == null) {
            rec = MarcImport.synthesise(bib);
            marc = MarcImport.write(rec, false);
        }
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(bib.id()), Field.Store.NO));
        doc.add(new LongPoint(ID_POINT, bib.id()));
        doc.add(new NumericDocValuesField(BIB_ID, bib.id()));
        doc.add(new StoredField(CONTROL_NUMBER, bib.controlNumber()));
        doc.add(new StoredField(MARC, marc));
        for (Bib1Mapping.IndexDef def : mapping.indexes()) {
            for (String v : MarcFields.values(rec, def.sources())) {
                String folded = TextFolding.fold(v);
                doc.add(new TextField("w." + def.name(), folded, Field.Store.NO));
                String p = String.join(" ", TextFolding.split(folded, ""));
                if (!p.isEmpty() && p.length() < 8000) {
                    doc.add(new StringField("p." + def.name(), p, Field.Store.NO));
                }
            }
            if (def.sortable()) {
                String sv = MarcFields.sortValue(rec, def.sortSources());
                if (sv != null) {
                    String key = TextFolding.phrase(sv);
                    doc.add(new SortedDocValuesField("s." + def.name(), new BytesRef(key.length() > 200 ? key.substring(0, 200) : key)));
                }
            }
        }
        return doc;
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
            Query q = toLucene(query, s.getIndexReader());
            IdCollector c = new IdCollector();
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
        fields.add(new SortField(BIB_ID, SortField.Type.LONG));
        IndexSearcher s = acquire();
        try {
            TopFieldDocs td = s.search(LongPoint.newSetQuery(ID_POINT, bibIds), bibIds.length, new Sort(fields.toArray(new SortField[0])));
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
        Bib1Mapping.IndexDef def = indexFor(a);
        check(a);
        int str = a.structure();
        boolean phrase = str == 1 || str == 3 || str == 108 || a.completeness() == 2 || a.completeness() == 3;
        String field = (phrase ? "p." : "w.") + def.name();
        String start = TextFolding.phrase(startTerm);
        int want = Math.max(0, Math.min(numberOfTerms, MAX_SCAN_TERMS));
        int before = Math.max(0, Math.min(preferredPosition - 1, want));
        IndexSearcher s = acquire();
        try {
            Terms terms = MultiTerms.getTerms(s.getIndexReader(), field);
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
                out.add(new ScanEntry(t.utf8ToString(), count(s, field, t)));
            }
            int position = out.size() + 1;
            te = terms.iterator();
            if (te.seekCeil(startRef) != TermsEnum.SeekStatus.END) {
                for (BytesRef t = te.term(); t != null && out.size() < want; t = te.next()) {
                    long n = count(s, field, t);
                    if (n > 0) {
                        out.add(new ScanEntry(t.utf8ToString(), n));
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
                Terms terms = leaf.reader().terms(ID);
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
                    Document d = leaf.reader().storedFields().document(doc, Set.of(MARC, CONTROL_NUMBER));
                    BytesRef m = d.getBinaryValue(MARC);
                    CatalogueRecord r = new CatalogueRecord(bibId, d.get(CONTROL_NUMBER), Arrays.copyOfRange(m.bytes, m.offset, m.offset + m.length));
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

    // ------------------------------------------------------------------ query translation

    private Query toLucene(CatalogueQuery q, IndexReader reader) throws IOException {
        if (q instanceof CatalogueQuery.Term t) {
            return new ConstantScoreQuery(term(t.attributes(), t.text(), reader));
        } else if (q instanceof CatalogueQuery.And a) {
            return new BooleanQuery.Builder().add(toLucene(a.left(), reader), Occur.FILTER).add(toLucene(a.right(), reader), Occur.FILTER).build();
        } else if (q instanceof CatalogueQuery.Or o) {
            return new BooleanQuery.Builder().add(toLucene(o.left(), reader), Occur.SHOULD).add(toLucene(o.right(), reader), Occur.SHOULD).build();
        } else if (q instanceof CatalogueQuery.AndNot n) {
            return new BooleanQuery.Builder().add(toLucene(n.left(), reader), Occur.FILTER).add(toLucene(n.right(), reader), Occur.MUST_NOT).build();
        } else if (q instanceof CatalogueQuery.BibIds ids) {
            return ids.ids().length == 0 ? new MatchNoDocsQuery() : LongPoint.newSetQuery(ID_POINT, ids.ids());
        }
        throw new IllegalArgumentException("unknown query node " + q);
    }

    private Bib1Mapping.IndexDef indexFor(Attributes a) {
        int use = a.use() == 0 ? 1016 : a.use();
        return mapping.forUse(use)
                .orElseThrow(() -> new UnsupportedSearchException(114, Integer.toString(use), "Unsupported Use attribute"));
    }

    private static void check(Attributes a) {
        if (a.relation() != 0 && !RELATIONS.contains(a.relation())) {
            throw new UnsupportedSearchException(117, Integer.toString(a.relation()), "Unsupported Relation attribute");
        }
        if (a.position() != 0 && (a.position() < 1 || a.position() > 3)) {
            throw new UnsupportedSearchException(119, Integer.toString(a.position()), "Unsupported Position attribute");
        }
        if (a.structure() != 0 && !STRUCTURES.contains(a.structure())) {
            throw new UnsupportedSearchException(118, Integer.toString(a.structure()), "Unsupported Structure attribute");
        }
        if (a.truncation() != 0 && !TRUNCATIONS.contains(a.truncation())) {
            throw new UnsupportedSearchException(120, Integer.toString(a.truncation()), "Unsupported Truncation attribute");
        }
        if (a.completeness() != 0 && (a.completeness() < 1 || a.completeness() > 3)) {
            throw new UnsupportedSearchException(122, Integer.toString(a.completeness()), "Unsupported Completeness attribute");
        }
    }

    private Query term(Attributes a, String text, IndexReader reader) throws IOException {
        Bib1Mapping.IndexDef def = indexFor(a);
        check(a);
        int rel = a.relation() == 0 ? 3 : a.relation();
        int str = a.structure();
        int trunc = a.truncation() == 0 ? 100 : a.truncation();
        boolean complete = a.completeness() == 2 || a.completeness() == 3 || str == 3 || str == 108;
        boolean first = a.position() == 1 || a.position() == 2;
        String w = "w." + def.name();
        String p = "p." + def.name();
        if (rel == 103) {
            return new MatchAllDocsQuery();
        }
        text = standardNumber(def, text);
        if (rel == 6) {
            Attributes eq = a.withRelation(3);
            return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER).add(term(eq, text, reader), Occur.MUST_NOT).build();
        }
        if (rel == 1 || rel == 2 || rel == 4 || rel == 5) {
            String v = TextFolding.phrase(text);
            if (v.isEmpty()) {
                throw new UnsupportedSearchException(125, text, "Malformed search term");
            }
            String field = v.indexOf(' ') >= 0 ? p : w;
            Query range = switch (rel) {
                case 1 -> TermRangeQuery.newStringRange(field, null, v, false, false);
                case 2 -> TermRangeQuery.newStringRange(field, null, v, false, true);
                case 4 -> TermRangeQuery.newStringRange(field, v, null, true, false);
                default -> TermRangeQuery.newStringRange(field, v, null, false, false);
            };
            // Zebra compares character by character: a proper prefix is not "less" ("19" is not < "1900")
            // and a longer term starting with the value is not "greater"
            BooleanQuery.Builder b = new BooleanQuery.Builder().add(range, Occur.FILTER);
            if (rel == 1 || rel == 2) {
                for (int k = 1; k < v.length(); k++) {
                    b.add(new TermQuery(new Term(field, v.substring(0, k))), Occur.MUST_NOT);
                }
            } else {
                b.add(new WildcardQuery(new Term(field, escape(v) + "?*")), Occur.MUST_NOT);
            }
            return b.build();
        }
        String keep = switch (trunc) {
            case 101 -> "#";
            case 104 -> "#?";
            default -> "";
        };
        if (trunc == 102) {
            return regexp(w, text);
        }
        List<String> words = TextFolding.split(TextFolding.fold(text), keep);
        if (words.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        if (complete || first) {
            String v = String.join(" ", words);
            if (complete) {
                return truncated(p, v, trunc, true, true);
            }
            if (trunc == 1) {
                return new PrefixQuery(new Term(p, v));
            }
            return new BooleanQuery.Builder().add(truncated(p, v, trunc, true, true), Occur.SHOULD)
                    .add(truncated(p, v + " ", trunc == 100 ? 1 : trunc, true, true), Occur.SHOULD).build();
        }
        if (str == 6 || str == 106 || str == 105) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (String word : words) {
                b.add(truncated(w, word, trunc, true, true), str == 105 ? Occur.SHOULD : Occur.FILTER);
            }
            return b.build();
        }
        if (words.size() == 1) {
            return truncated(w, words.get(0), trunc, true, true);
        }
        if (trunc == 100) {
            return new PhraseQuery(w, words.toArray(new String[0]));
        }
        MultiPhraseQuery.Builder mp = new MultiPhraseQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            Query wq = truncated(w, words.get(i), trunc, i == 0, i == words.size() - 1);
            if (wq instanceof TermQuery tq) {
                mp.add(tq.getTerm());
            } else {
                Term[] expanded = expand((MultiTermQuery) wq, reader, w);
                if (expanded.length == 0) {
                    return new MatchNoDocsQuery();
                }
                mp.add(expanded);
            }
        }
        return mp.build();
    }

    /** ISBN/ISSN indexes: clean the term (hyphens, X) before matching. */
    private static String standardNumber(Bib1Mapping.IndexDef def, String text) {
        boolean allStd = def.sources().stream().allMatch(s -> s.normalisation() != Bib1Mapping.Normalisation.TEXT);
        if (!allStd) {
            return text;
        }
        String c = StandardNumbers.clean(text.replace("#", "").replace("?", "").isEmpty() ? "" : text);
        return c.isEmpty() ? text : c;
    }

    private static Query regexp(String field, String text) {
        try {
            return new RegexpQuery(new Term(field, TextFolding.fold(text.strip())));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedSearchException(125, text, "Malformed regular expression");
        }
    }

    /** A word (or complete-field value) with Bib-1 truncation; left/right parts apply at the phrase ends only. */
    private static Query truncated(String field, String v, int trunc, boolean isFirst, boolean isLast) {
        boolean right = (trunc == 1 || trunc == 3) && isLast;
        boolean left = (trunc == 2 || trunc == 3) && isFirst;
        switch (trunc) {
            case 101:
                return new WildcardQuery(new Term(field, escape(v).replace("#", "*")));
            case 104:
                return new WildcardQuery(new Term(field, escape(v).replace("\\?", "\u0000").replace("#", "?").replace("\u0000", "*")
                        .replaceAll("\\*[0-9]", "*")));
            case 103:
                return new FuzzyQuery(new Term(field, v));
            default:
                break;
        }
        if (!left && !right) {
            return new TermQuery(new Term(field, v));
        }
        if (right && !left) {
            return new PrefixQuery(new Term(field, v));
        }
        return new WildcardQuery(new Term(field, (left ? "*" : "") + escape(v) + (right ? "*" : "")));
    }

    private static String escape(String v) {
        StringBuilder b = new StringBuilder(v.length() + 4);
        for (char c : v.toCharArray()) {
            if (c == '*' || c == '?' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static Term[] expand(MultiTermQuery q, IndexReader reader, String field) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
            return new Term[0];
        }
        TermsEnum te = q.getTermsEnum(terms);
        List<Term> out = new ArrayList<>();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
            if (out.size() >= MAX_EXPANSIONS) {
                throw new UnsupportedSearchException(31, q.toString(), "truncated term matches too many words");
            }
            out.add(new Term(field, BytesRef.deepCopyOf(t)));
        }
        return out.toArray(new Term[0]);
    }

    /** Words: letters and digits of already folded text, positions kept across field values. */
    static final class WordAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer t = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
            return new TokenStreamComponents(t);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return 100;
        }
    }

    /** Collects the bib ids of all hits without scoring. */
    private static final class IdCollector extends SimpleCollector {
        private long[] ids = new long[64];
        private int n;
        private NumericDocValues values;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = context.reader().getNumericDocValues(BIB_ID);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (values != null && values.advanceExact(doc)) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = values.longValue();
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        long[] ids() {
            return Arrays.copyOf(ids, n);
        }
    }

    static ScoreDoc[] none() {
        return new ScoreDoc[0];
    }
}
