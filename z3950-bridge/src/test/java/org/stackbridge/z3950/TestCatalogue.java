package org.stackbridge.z3950;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.adapter.catalogue.Bib1Mapping;
import org.stackbridge.adapter.catalogue.LuceneCatalogueIndex;
import org.stackbridge.adapter.catalogue.MarcImport;
import org.stackbridge.core.model.BibRecord;

/** The 465-record sample corpus (copy of shared/data/marc/catalog.mrc) in a heap index, bib ids 1..465. */
final class TestCatalogue {
    private TestCatalogue() {
    }

    static List<BibRecord> bibs() {
        try (InputStream in = TestCatalogue.class.getResourceAsStream("/marc/catalog.mrc")) {
            List<BibRecord> raw = MarcImport.readAll(in);
            List<BibRecord> out = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                out.add(raw.get(i).withId(i + 1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LuceneCatalogueIndex index() {
        LuceneCatalogueIndex idx = LuceneCatalogueIndex.inMemory(Bib1Mapping.defaults());
        idx.rebuild(bibs());
        return idx;
    }
}
