package org.stackbridge.gateway.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.marc4j.marc.DataField;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.stackbridge.adapter.memory.InMemoryStore;
import org.stackbridge.core.model.BibRecord;

class CopyCataloguingTest {

    private static Record record(String control, String title, String isbn) {
        MarcFactory f = MarcFactory.newInstance();
        Record r = f.newRecord("00000nam a2200000 a 4500");
        if (control != null) {
            r.addVariableField(f.newControlField("001", control));
        }
        if (isbn != null) {
            DataField d = f.newDataField("020", ' ', ' ');
            d.addSubfield(f.newSubfield('a', isbn));
            r.addVariableField(d);
        }
        if (title != null) {
            DataField d = f.newDataField("245", '1', '0');
            d.addSubfield(f.newSubfield('a', title));
            r.addVariableField(d);
        }
        return r;
    }

    @Test
    void isbnCheckDigits() {
        assertTrue(CopyCataloguing.isbnValid("1562827545"));
        assertTrue(CopyCataloguing.isbnValid("080442957X"));
        assertTrue(CopyCataloguing.isbnValid("9780306406157"));
        assertFalse(CopyCataloguing.isbnValid("9780306406158"));
        assertFalse(CopyCataloguing.isbnValid("1562827546"));
        assertFalse(CopyCataloguing.isbnValid("15628X7545"));
        assertEquals("0306406152", CopyCataloguing.normaliseIsbn("0-306-40615-2 (pbk.)"));
        assertNull(CopyCataloguing.normaliseIsbn("12345"));
        assertEquals("9780306406157", CopyCataloguing.toIsbn13("0306406152"));
    }

    @Test
    void requiredFieldsAndCheckDigitAreReported() {
        assertEquals(List.of(), CopyCataloguing.problems(record("X1", "Title", "0306406152")));
        assertEquals(List.of("required field 001 (control number) is missing", "required field 245 (title) is missing",
                "ISBN 0306406153 has an invalid check digit or length"), CopyCataloguing.problems(record(null, null, "0306406153")));
    }

    @Test
    void duplicatesByControlNumberAndByIsbnAcrossForms() {
        try (InMemoryStore store = new InMemoryStore()) {
            store.write(tx -> tx.bibs().insert(new BibRecord(0, "LOCAL-1", "Local copy", null, "978-0-306-40615-7", null, null,
                    new byte[0]))).join();
            assertEquals(List.of("ISBN 978-0-306-40615-7 is already bib LOCAL-1 \"Local copy\""),
                    CopyCataloguing.duplicates(store, record("REMOTE-9", "T", "0306406152")));
            assertEquals(List.of("001 LOCAL-1 is already bib LOCAL-1 \"Local copy\""),
                    CopyCataloguing.duplicates(store, record("LOCAL-1", "T", null)));
            assertEquals(List.of(), CopyCataloguing.duplicates(store, record("OTHER", "T", "1562827545")));
        }
    }
}
