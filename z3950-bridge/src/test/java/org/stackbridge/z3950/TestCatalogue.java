package org.stackbridge.z3950;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.adapter.catalogue.Bib1Mapping;
import org.stackbridge.adapter.catalogue.LuceneCatalogueIndex;
import org.stackbridge.adapter.catalogue.MarcImport;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.model.BibRecord;

/** The 465-record sample corpus (copy of shared/data/marc/catalog.mrc). */
final class TestCatalogue {
    private TestCatalogue() {
    }

    static List<BibRecord> raw() {
        try (InputStream in = TestCatalogue.class.getResourceAsStream("/marc/catalog.mrc")) {
            return MarcImport.readAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bib ids 1..465 in file order. */
    static List<BibRecord> bibs() {
        List<BibRecord> raw = raw();
        List<BibRecord> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            out.add(raw.get(i).withId(i + 1));
        }
        return out;
    }

    static LuceneCatalogueIndex index() {
        LuceneCatalogueIndex idx = LuceneCatalogueIndex.inMemory(Bib1Mapping.defaults());
        idx.rebuild(bibs());
        return idx;
    }

    /** Stores the corpus in the engine (ids assigned by the store) and indexes what was stored. */
    static LuceneCatalogueIndex loadInto(InMemoryCirculation circ) {
        List<BibRecord> stored = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int n = 0;
        for (BibRecord b : raw()) {
            n++;
            // the engine wants unique control numbers; the corpus repeats some 001s (the index reads 001 from the MARC)
            BibRecord unique = b.controlNumber().isBlank() || !seen.add(b.controlNumber())
                    ? new BibRecord(0, "sample-" + n, b.title(), b.author(), b.isbn(), b.publisher(), b.year(), b.marc()) : b;
            stored.add(circ.store().runNow(tx -> tx.bibs().insert(unique)));
        }
        LuceneCatalogueIndex idx = LuceneCatalogueIndex.inMemory(Bib1Mapping.defaults());
        idx.rebuild(stored);
        return idx;
    }
}
