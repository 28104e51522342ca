package org.stackbridge.adapter.catalogue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.marc4j.marc.Record;
import org.stackbridge.core.model.BibRecord;

/**
 * The Lucene document of one bib: id fields, the stored ISO 2709 record and control number, and per mapped index
 * the {@code w.} words, {@code p.} complete-field and {@code s.} sort registers.
 */
final class CatalogueDocument {

    static final String ID = "id";
    static final String ID_POINT = "idp";
    static final String BIB_ID = "bibid";
    static final String MARC = "marc";
    static final String CONTROL_NUMBER = "cn";

    private CatalogueDocument() {
    }

    static Document of(BibRecord bib, Bib1Mapping mapping) {
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
                addDisplayForms(doc, def.name(), v, p);
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

    /** The original spellings beside the folded words and the complete field ({@link DisplayForms}). */
    private static void addDisplayForms(Document doc, String index, String value, String phrase) {
        List<DisplayForms.Word> words = DisplayForms.words(value);
        if (words.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (DisplayForms.Word w : words) {
            String entry = DisplayForms.entry(w.folded(), w.original());
            if (entry.length() < DisplayForms.MAX_LENGTH && seen.add(entry)) {
                doc.add(new StringField(DisplayForms.wordField(index), entry, Field.Store.NO));
            }
        }
        String original = DisplayForms.phrase(value);
        if (!phrase.isEmpty() && TextFolding.phrase(original).equals(phrase) && phrase.length() + original.length() < DisplayForms.MAX_LENGTH) {
            doc.add(new StringField(DisplayForms.phraseField(index), DisplayForms.entry(phrase, original), Field.Store.NO));
        }
    }
}
