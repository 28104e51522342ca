package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.BibRecord;

public interface BibsContract extends StoreFixture {

    @Test
    default void insertedBibIsFoundWithItsMarcBytes() {
        BibRecord stored = newBib("ocm001");
        assertTrue(stored.id() > 0);
        BibRecord found = read(tx -> tx.bibs().byControlNumber("ocm001")).orElseThrow();
        assertEquals(stored, found);
        assertArrayEquals(StoreFixture.bib("ocm001").marc(), found.marc());
        assertEquals("Author", found.author());
        assertEquals("9780000000000", found.isbn());
        assertEquals("Publisher", found.publisher());
        assertEquals("2001", found.year());
        assertEquals(stored, read(tx -> tx.bibs().byId(stored.id())).orElseThrow());
        assertTrue(read(tx -> tx.bibs().byControlNumber("ocm002")).isEmpty());
    }

    @Test
    default void headingByIdHasEverythingButTheMarc() {
        BibRecord stored = newBib("ocm001");
        BibRecord heading = read(tx -> tx.bibs().headingById(stored.id())).orElseThrow();
        assertEquals(0, heading.marc().length);
        assertEquals(new BibRecord(stored.id(), stored.controlNumber(), stored.title(), stored.author(), stored.isbn(), stored.publisher(),
                stored.year(), null), heading);
        assertTrue(read(tx -> tx.bibs().headingById(stored.id() + 99)).isEmpty());
    }

    @Test
    default void bibWithoutMarcReadsBackEmpty() {
        BibRecord stored = write(tx -> tx.bibs().insert(new BibRecord(0, "x1", null, null, null, null, null, null)));
        BibRecord found = read(tx -> tx.bibs().byId(stored.id())).orElseThrow();
        assertEquals(0, found.marc().length);
        assertEquals("", found.title());
    }

    @Test
    default void largeMarcRecordRoundTrips() {
        byte[] marc = new byte[99_999];
        Arrays.fill(marc, (byte) 'x');
        BibRecord stored = write(tx -> tx.bibs().insert(new BibRecord(0, "big", "Big", null, null, null, null, marc)));
        assertArrayEquals(marc, read(tx -> tx.bibs().byId(stored.id())).orElseThrow().marc());
    }

    @Test
    default void duplicateControlNumberIsAConflict() {
        newBib("ocm001");
        StoreFixture.expectConflict(writeFailure(tx -> tx.bibs().insert(StoreFixture.bib("ocm001"))));
        assertEquals(1L, (long) read(tx -> tx.bibs().count()));
    }

    @Test
    default void updateReplacesTheRecord() {
        BibRecord stored = newBib("ocm001");
        BibRecord changed = new BibRecord(stored.id(), "ocm001", "New title", "New author", null, null, "1999", new byte[] {1, 2, 3});
        write(tx -> {
            tx.bibs().update(changed);
            return null;
        });
        BibRecord found = read(tx -> tx.bibs().byId(stored.id())).orElseThrow();
        assertEquals(changed, found);
        assertEquals("New author", found.author());
        assertEquals(null, found.isbn());
    }

    @Test
    default void pageAndCount() {
        BibRecord a = newBib("a");
        BibRecord b = newBib("b");
        BibRecord c = newBib("c");
        assertEquals(3L, (long) read(tx -> tx.bibs().count()));
        assertEquals(List.of(a, b), read(tx -> tx.bibs().page(0, 2)));
        assertEquals(List.of(b, c), read(tx -> tx.bibs().page(a.id(), 5)));
    }
}
