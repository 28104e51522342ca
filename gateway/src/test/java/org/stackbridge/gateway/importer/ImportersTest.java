package org.stackbridge.gateway.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.adapter.memory.InMemoryStore;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.security.SecretHasher;

class ImportersTest {

    @TempDir
    Path dir;
    InMemoryStore store;
    final Progress quiet = new Progress(System.err, false, 100, "test");

    @BeforeEach
    void setUp() {
        store = new InMemoryStore();
        store.runNow(tx -> {
            tx.libraries().save(Library.of("MAIN", "Main"));
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private Path resource(String name) throws IOException {
        Path f = dir.resolve(name.replace('/', '_'));
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void patronsAreImportedAndBadRowsReportedWithTheirLine() throws IOException {
        Path f = file("patrons.csv", String.join("\n",
                "barcode,pin,name,category,library,email,phone,address,expires",
                "P1,1234,Ada Lovelace,ADULT,MAIN,ada@example.org,555,\"1 Main St, Apt 2\",2030-01-31",
                "P2,,Grace Hopper,CHILD,NOWHERE,,,,",
                "P3,9999,Alan Turing,WIZARD,MAIN,,,,",
                "P4,1111,Broken Date,ADULT,MAIN,,,,31/01/2030",
                "P5,2222,Too,Few,Columns",
                "P6,3333,Katherine Johnson,ADULT,MAIN,,,,") + "\n");
        ImportReport r = new PatronImporter(store, new SecretHasher(1_000), Set.of("ADULT", "CHILD")).run(f, quiet);
        assertEquals(2, r.addedCount(), r.errors().toString());
        assertEquals(4, r.rejectedCount());
        List<String> errors = r.errors();
        assertTrue(errors.get(0).startsWith(f + ":line 3: unknown library 'NOWHERE'"), errors.get(0));
        assertTrue(errors.get(1).startsWith(f + ":line 4: unknown patron category 'WIZARD'"), errors.get(1));
        assertTrue(errors.get(2).contains(":line 5: expires must be a date"), errors.get(2));
        assertTrue(errors.get(3).contains(":line 6: expected 9 columns"), errors.get(3));
        Patron p1 = store.runNow(tx -> tx.patrons().byBarcode("P1")).orElseThrow();
        assertEquals("1 Main St, Apt 2", p1.address());
        assertTrue(SecretHasher.verify("1234", p1.pinHash()));
        assertTrue(!p1.pinHash().contains("1234"));
        assertTrue(store.runNow(tx -> tx.patrons().byBarcode("P2")).isEmpty(), "a rejected row is not applied");
    }

    @Test
    void reimportingPatronsUpdatesAndKeepsThePinWhenEmpty() throws IOException {
        PatronImporter importer = new PatronImporter(store, new SecretHasher(1_000), Set.of("ADULT"));
        String header = "barcode,pin,name,category,library,email,phone,address,expires\n";
        importer.run(file("a.csv", header + "P1,1234,Ada,ADULT,MAIN,,,,\n"), quiet);
        ImportReport r = importer.run(file("b.csv", header + "P1,,Ada Lovelace,ADULT,MAIN,,,,\n"), quiet);
        assertEquals(1, r.updatedCount());
        Patron p = store.runNow(tx -> tx.patrons().byBarcode("P1")).orElseThrow();
        assertEquals("Ada Lovelace", p.name());
        assertTrue(SecretHasher.verify("1234", p.pinHash()));
    }

    @Test
    void itemsNeedAKnownBibLibraryAndType() throws IOException {
        store.runNow(tx -> tx.bibs().insert(new BibRecord(0, "ocm1", "Title", null, null, null, null, null)));
        Path f = file("items.csv", String.join("\n",
                "barcode,bib_id,item_type,library,location,call_number,price,status",
                "I1,ocm1,BOOK,MAIN,Stacks,QA76 .C6,24.95,available",
                "I2,nope,BOOK,MAIN,Stacks,,,",
                "I3,ocm1,SPACESHIP,MAIN,,,,",
                "I4,ocm1,BOOK,MAIN,,,-3,",
                "I5,ocm1,BOOK,MAIN,,,,checked out",
                "I6,ocm1,BOOK,MAIN,,,,lost"));
        ImportReport r = new ItemImporter(store, Set.of("BOOK")).run(f, quiet);
        assertEquals(2, r.addedCount(), r.errors().toString());
        assertEquals(4, r.rejectedCount());
        assertTrue(r.errors().stream().anyMatch(e -> e.contains(":line 3: unknown bib_id 'nope'")), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.contains(":line 4: unknown item type")), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.contains(":line 5: price")), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.contains(":line 6: status")), r.errors().toString());
        assertEquals(ItemStatus.LOST, store.runNow(tx -> tx.items().byBarcode("I6")).orElseThrow().status());
    }

    @Test
    void everyRecordOfTheSampleCorpusIsLoadedOnceAndReimportChangesNothing() throws IOException {
        Path f = resource("/demo/catalog.mrc");
        ImportReport r = new MarcImporter(store, b -> { }).run(f, quiet);
        assertEquals(465, r.addedCount(), r.errors().toString());
        assertEquals(0, r.rejectedCount());
        assertEquals(465L, (long) store.runNow(tx -> tx.bibs().count()));
        ImportReport again = new MarcImporter(store, b -> { }).run(f, quiet);
        assertEquals(0, again.addedCount());
        assertEquals(465, again.unchangedCount());
        BibRecord austen = store.runNow(tx -> tx.bibs().page(0, 1000)).stream()
                .filter(b -> b.isbn() != null && b.isbn().equals("000470147X")).findFirst().orElseThrow();
        assertTrue(austen.title().contains("Jane Austen"), austen.title());
    }

    @Test
    void marc8RecordsAreConvertedToUtf8() throws IOException {
        Path f = resource("/marc/zebra-sample.marc8.mrc");
        ImportReport r = new MarcImporter(store, b -> { }).run(f, quiet);
        assertEquals(24, r.addedCount(), r.errors().toString());
        Path utf8 = resource("/marc/01-zebra-sample.utf8.mrc");
        InMemoryStore other = new InMemoryStore();
        new MarcImporter(other, b -> { }).run(utf8, quiet);
        List<String> fromMarc8 = store.runNow(tx -> tx.bibs().page(0, 100)).stream().map(BibRecord::title).toList();
        List<String> fromUtf8 = other.runNow(tx -> tx.bibs().page(0, 100)).stream().map(BibRecord::title).toList();
        assertEquals(fromUtf8, fromMarc8);
        store.runNow(tx -> tx.bibs().page(0, 100)).forEach(b -> assertEquals('a', (char) b.marc()[9], b.controlNumber()));
        other.close();
    }

    @Test
    void aCorruptFileGivesRecordNumberedErrorsAndLoadsTheRest() throws IOException {
        byte[] good = Files.readAllBytes(resource("/marc/01-zebra-sample.utf8.mrc"));
        // record 1 intact, then a record whose leader length is garbage, then the rest of the file
        int firstEnd = indexOf(good, (byte) 0x1D, 0) + 1;
        int secondEnd = indexOf(good, (byte) 0x1D, firstEnd) + 1;
        byte[] broken = good.clone();
        broken[firstEnd] = 'X';
        byte[] truncatedTail = "00999nam  22".getBytes();
        Path f = dir.resolve("corrupt.mrc");
        Files.write(f, concat(broken, truncatedTail));
        ImportReport r = new MarcImporter(store, b -> { }).run(f, quiet);
        assertEquals(23, r.addedCount(), r.errors().toString());
        assertEquals(2, r.rejectedCount(), r.errors().toString());
        assertTrue(r.errors().get(0).startsWith(f + ":record 2: leader record length"), r.errors().get(0));
        assertTrue(r.errors().get(1).startsWith(f + ":record 25: truncated"), r.errors().get(1));
        assertTrue(secondEnd > firstEnd);
    }

    @Test
    void garbageIsRejectedRecordByRecord() throws IOException {
        Path f = dir.resolve("garbage.mrc");
        Files.write(f, "this is not marc at all\u001dneither is this\u001d".getBytes());
        ImportReport r = new MarcImporter(store, b -> { }).run(f, quiet);
        assertEquals(0, r.addedCount());
        assertEquals(2, r.rejectedCount(), r.errors().toString());
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
