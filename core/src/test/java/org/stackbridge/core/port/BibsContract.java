package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.BibIdentifier;
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

    /** An ISO 2709 record with 001 and the given data fields ($a only), built by hand: core has no MARC library. */
    static byte[] marc(String controlNumber, String... tagAndA) {
        java.io.ByteArrayOutputStream dir = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        java.util.List<String[]> fields = new java.util.ArrayList<>();
        fields.add(new String[] {"001", controlNumber + "\u001E"});
        for (int i = 0; i < tagAndA.length; i += 2) {
            fields.add(new String[] {tagAndA[i], "  \u001Fa" + tagAndA[i + 1] + "\u001E"});
        }
        for (String[] f : fields) {
            byte[] bytes = f[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            dir.writeBytes(String.format("%s%04d%05d", f[0], bytes.length, data.size()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            data.writeBytes(bytes);
        }
        dir.write(0x1E);
        data.write(0x1D);
        int base = 24 + dir.size();
        String leader = String.format("%05dnam a22%05d a 4500", base + data.size(), base);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(leader.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(dir.toByteArray());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    @Test
    default void bibsAreFoundByTheirStandardIdentifiers() {
        BibRecord zen = write(tx -> tx.bibs().insert(new BibRecord(0, "z1", "Zen", null, null, null, null,
                marc("z1", "010", "   85000002 ", "020", "0-306-40615-2 (pbk.)", "022", "0317-8471", "035", "(OCoLC)ocm26273275",
                        "035", "(DLC)12345"))));
        BibRecord other = newBib("ocm001");
        assertEquals(List.of(zen), read(tx -> tx.bibs().byIdentifier(new BibIdentifier(BibIdentifier.Type.OCLC, "26273275"))));
        assertEquals(zen, read(tx -> tx.bibs().find("OCLC", "ocn26273275")).orElseThrow());
        assertEquals(zen, read(tx -> tx.bibs().find("OCLC", "(OCoLC)26273275")).orElseThrow());
        assertEquals(zen, read(tx -> tx.bibs().find("ISBN", "978-0-306-40615-7")).orElseThrow(), "ISBN-13 of the ISBN-10");
        assertEquals(zen, read(tx -> tx.bibs().find("ISSN", "03178471")).orElseThrow());
        assertEquals(zen, read(tx -> tx.bibs().find("LCCN", "85-2")).orElseThrow());
        assertEquals(zen, read(tx -> tx.bibs().byReference("{OCLC}26273275")).orElseThrow());
        assertEquals(other, read(tx -> tx.bibs().find(null, "ocm001")).orElseThrow(), "no code: our control number");
        assertEquals(other, read(tx -> tx.bibs().find("Local", "ocm001")).orElseThrow());
        assertTrue(read(tx -> tx.bibs().find("LCCN", "ocm001")).isEmpty(), "an LCCN is not our 001");
        assertTrue(read(tx -> tx.bibs().find("OCLC", "12345")).isEmpty(), "a 035 of another agency is no OCLC number");
        assertEquals(other, read(tx -> tx.bibs().find("ISBN", "9780000000000")).orElseThrow(), "the bib's ISBN field is indexed too");
    }

    @Test
    default void updateReindexesTheIdentifiers() {
        BibRecord zen = write(tx -> tx.bibs().insert(new BibRecord(0, "z1", "Zen", null, null, null, null, marc("z1", "035", "(OCoLC)1"))));
        write(tx -> {
            tx.bibs().update(new BibRecord(zen.id(), "z1", "Zen", null, null, null, null, marc("z1", "035", "(OCoLC)2")));
            return null;
        });
        assertTrue(read(tx -> tx.bibs().find("OCLC", "1")).isEmpty());
        assertEquals(zen.id(), read(tx -> tx.bibs().find("OCLC", "2")).orElseThrow().id());
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
