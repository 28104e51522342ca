package org.stackbridge.adapter.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.catalogue.Attributes;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.ScanResult;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.core.model.BibRecord;

class LuceneCatalogueIndexTest {

    @TempDir
    Path dir;

    private static CatalogueQuery term(int use, String text) {
        return new CatalogueQuery.Term(Attributes.use(use), text);
    }

    private static List<BibRecord> corpus() throws Exception {
        try (InputStream in = LuceneCatalogueIndexTest.class.getResourceAsStream("/marc/catalog.mrc")) {
            List<BibRecord> raw = MarcImport.readAll(in);
            List<BibRecord> out = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                out.add(raw.get(i).withId(i + 1));
            }
            return out;
        }
    }

    @Test
    void scanShowsTheTermAsTheRecordsHaveItAndAnOldLayoutAsksForARebuild() throws Exception {
        BibRecord bib = new BibRecord(7, "sb-7", "Les Misérables", "Hugo, Victor", "9780140444308", "Penguin", "1982", null);
        try (LuceneCatalogueIndex idx = LuceneCatalogueIndex.open(dir, Bib1Mapping.defaults())) {
            idx.index(bib);
            assertEquals("Hugo, Victor", idx.scan(Attributes.use(1003).withStructure(Attributes.STR_PHRASE), "hugo", 1, 1)
                    .entries().get(0).displayTerm(), "a phrase shows the field as catalogued, punctuation included");
            ScanResult words = idx.scan(Attributes.use(4), "miserables", 1, 1);
            assertEquals("miserables", words.entries().get(0).term());
            assertEquals("Misérables", words.entries().get(0).displayTerm());
            ScanResult phrase = idx.scan(Attributes.use(4).withStructure(Attributes.STR_PHRASE), "les", 1, 1);
            assertEquals("Les Misérables", phrase.entries().get(0).displayTerm());
        }
        try (LuceneCatalogueIndex idx = LuceneCatalogueIndex.open(dir, Bib1Mapping.defaults())) {
            assertFalse(idx.layoutOutdated(), "written with this layout");
        }
        // an index committed without the layout mark (as versions before display terms wrote it)
        try (org.apache.lucene.store.FSDirectory d = org.apache.lucene.store.FSDirectory.open(dir);
                org.apache.lucene.index.IndexWriter w = new org.apache.lucene.index.IndexWriter(d,
                        new org.apache.lucene.index.IndexWriterConfig(new WordAnalyzer()))) {
            w.setLiveCommitData(java.util.Map.of("other", "x").entrySet());
            w.commit();
        }
        try (LuceneCatalogueIndex idx = LuceneCatalogueIndex.open(dir, Bib1Mapping.defaults())) {
            assertTrue(idx.layoutOutdated());
            idx.rebuild(List.of(bib));
            assertFalse(idx.layoutOutdated());
            assertEquals("Misérables", idx.scan(Attributes.use(4), "miserables", 1, 1).entries().get(0).displayTerm());
        }
    }

    @Test
    void indexIsKeptInSyncAndPersists() {
        BibRecord bib = new BibRecord(7, "sb-7", "Les Misérables", "Hugo, Victor", "9780140444308", "Penguin", "1982", null);
        try (LuceneCatalogueIndex idx = LuceneCatalogueIndex.open(dir, Bib1Mapping.defaults())) {
            idx.index(bib);
            assertArrayEquals(new long[] {7}, idx.search(term(4, "miserables")), "folded title");
            assertArrayEquals(new long[] {7}, idx.search(term(7, "0-14-044430-0")), "ISBN-10 query finds the ISBN-13 record");
            assertArrayEquals(new long[] {7}, idx.search(term(1004, "hugo")), "1004 maps to author");
            assertArrayEquals(new long[] {7}, idx.search(term(12, "sb-7")));
        }
        try (LuceneCatalogueIndex idx = LuceneCatalogueIndex.open(dir, Bib1Mapping.defaults())) {
            assertEquals(1, idx.count(), "persisted in the data directory");
            assertTrue(idx.record(7).orElseThrow().marc().length > 24);
            idx.delete(7);
            assertEquals(0, idx.search(term(4, "miserables")).length);
        }
    }

    @Test
    void rebuildSortAndScan() throws Exception {
        try (LuceneCatalogueIndex idx = LuceneCatalogueIndex.inMemory(Bib1Mapping.defaults())) {
            assertEquals(465, idx.rebuild(corpus()));
            long[] hits = idx.search(term(1003, "austen"));
            assertEquals(357, hits.length);
            long[] byDate = idx.sort(hits, List.of(new SortKey(31, true)));
            assertEquals(357, byDate.length);
            String first = new String(idx.record(byDate[0]).orElseThrow().marc(), StandardCharsets.UTF_8);
            String last = new String(idx.record(byDate[356]).orElseThrow().marc(), StandardCharsets.UTF_8);
            assertTrue(first.compareTo("") != 0 && last.compareTo("") != 0);
            Attributes date = Attributes.use(31);
            long eq = idx.search(new CatalogueQuery.Term(date.withRelation(3), "2000")).length;
            long ne = idx.search(new CatalogueQuery.Term(date.withRelation(6), "2000")).length;
            long lt = idx.search(new CatalogueQuery.Term(date.withRelation(1), "2000")).length;
            long ge = idx.search(new CatalogueQuery.Term(date.withRelation(4), "2000")).length;
            assertEquals(465, eq + ne, "not-equal is the complement of equal");
            assertEquals(87, ge, "as Zebra");
            assertTrue(lt > 0 && lt + ge <= 465);
            ScanResult s = idx.scan(Attributes.use(4), "pride", 5, 3);
            assertEquals(3, s.positionOfTerm());
            assertEquals("pride", s.entries().get(2).term());
            assertEquals(196, s.entries().get(2).occurrences());
        }
    }

    @Test
    void unsupportedAttributesAreBib1Diagnostics() {
        try (LuceneCatalogueIndex idx = LuceneCatalogueIndex.inMemory(Bib1Mapping.defaults())) {
            assertEquals(114, assertThrows(UnsupportedSearchException.class, () -> idx.search(term(9999, "x"))).bib1Condition());
            assertEquals(117, assertThrows(UnsupportedSearchException.class,
                    () -> idx.search(new CatalogueQuery.Term(Attributes.use(4).withRelation(99), "x"))).bib1Condition());
            assertEquals(120, assertThrows(UnsupportedSearchException.class,
                    () -> idx.search(new CatalogueQuery.Term(Attributes.use(4).withTruncation(99), "x"))).bib1Condition());
        }
    }

    @Test
    void marc8RecordsAreConvertedToUtf8OnImportAndBackOnRequest() throws Exception {
        List<BibRecord> bibs;
        try (InputStream in = LuceneCatalogueIndexTest.class.getResourceAsStream("/marc/zebra-sample.marc8.mrc")) {
            bibs = MarcImport.readAll(in);
        }
        assertEquals(24, bibs.size());
        for (BibRecord b : bibs) {
            assertEquals('a', (char) b.marc()[9], "leader/09 = a after conversion");
        }
        try (LuceneCatalogueIndex idx = LuceneCatalogueIndex.inMemory(Bib1Mapping.defaults())) {
            List<BibRecord> withIds = new ArrayList<>();
            for (int i = 0; i < bibs.size(); i++) {
                withIds.add(bibs.get(i).withId(i + 1));
            }
            idx.rebuild(withIds);
            assertEquals(' ', (char) idx.recordMarc8(1).orElseThrow()[9]);
        }
    }
}
