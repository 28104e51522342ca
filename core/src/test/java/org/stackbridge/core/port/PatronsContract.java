package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.LostCard;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronSearch;
import org.stackbridge.core.model.PatronBlock;

public interface PatronsContract extends StoreFixture {

    @Test
    default void insertAssignsAnIdAndPatronIsFoundByBarcodeAndId() {
        Patron stored = newPatron("P100");
        assertTrue(stored.id() > 0);
        assertEquals(stored, read(tx -> tx.patrons().byBarcode("P100")).orElseThrow());
        assertEquals(stored, read(tx -> tx.patrons().byId(stored.id())).orElseThrow());
        assertTrue(read(tx -> tx.patrons().byBarcode("P999")).isEmpty());
        assertTrue(read(tx -> tx.patrons().byId(stored.id() + 1000)).isEmpty());
    }

    @Test
    default void nullableFieldsRoundTrip() {
        Patron sparse = new Patron(0, "P101", null, "Sparse", "CHILD", null, null, null, null, "EAST", true);
        Patron stored = write(tx -> tx.patrons().insert(sparse));
        assertEquals(stored, read(tx -> tx.patrons().byId(stored.id())).orElseThrow());
    }

    @Test
    default void duplicateBarcodeIsAConflictAndStoresNothing() {
        newPatron("P100");
        StoreFixture.expectConflict(writeFailure(tx -> tx.patrons().insert(StoreFixture.patron("P100"))));
        assertEquals(1, read(tx -> tx.patrons().page(0, 10)).size());
    }

    @Test
    default void updateChangesEveryField() {
        Patron stored = newPatron("P100");
        Patron changed = new Patron(stored.id(), "P100B", "new-hash", "New Name", "STAFF", "n@example.org", "555-0199", "2 High St",
                LocalDate.of(2031, 6, 30), "WEST", true);
        write(tx -> {
            tx.patrons().update(changed);
            return null;
        });
        assertEquals(changed, read(tx -> tx.patrons().byId(stored.id())).orElseThrow());
        assertTrue(read(tx -> tx.patrons().byBarcode("P100")).isEmpty());
    }

    @Test
    default void pageWalksPatronsInIdOrder() {
        Patron a = newPatron("P1");
        Patron b = newPatron("P2");
        Patron c = newPatron("P3");
        assertEquals(List.of(a, b), read(tx -> tx.patrons().page(0, 2)));
        assertEquals(List.of(c), read(tx -> tx.patrons().page(b.id(), 2)));
        assertEquals(List.of(), read(tx -> tx.patrons().page(c.id(), 2)));
    }

    @Test
    default void blocksAreAddedListedAndRemoved() {
        Patron p = newPatron("P100");
        Patron other = newPatron("P200");
        PatronBlock b1 = write(tx -> tx.patrons().addBlock(new PatronBlock(0, p.id(), "staff", true, false, true, "lost card", T0, null)));
        PatronBlock b2 = write(tx -> tx.patrons().addBlock(new PatronBlock(0, p.id(), "sip2", false, true, false, null, T0,
                T0.plusSeconds(86_400))));
        write(tx -> tx.patrons().addBlock(new PatronBlock(0, other.id(), "staff", true, true, true, "other", T0, null)));
        assertNotEquals(b1.id(), b2.id());
        assertEquals(List.of(b1, b2), read(tx -> tx.patrons().blocks(p.id())));
        write(tx -> {
            tx.patrons().removeBlock(b1.id());
            return null;
        });
        assertEquals(List.of(b2), read(tx -> tx.patrons().blocks(p.id())));
        assertEquals(1, read(tx -> tx.patrons().blocks(other.id())).size());
    }

    @Test
    default void newFieldsAndTypedBlocksRoundTrip() {
        Patron full = new Patron(0, "P102", null, "Full", "ADULT", null, null, null, null, "EAST", false, LocalDate.of(1990, 4, 1),
                NoticePreference.NONE, "fr-CA");
        Patron stored = write(tx -> tx.patrons().insert(full));
        assertEquals(stored, read(tx -> tx.patrons().byId(stored.id())).orElseThrow());
        assertEquals(NoticePreference.PRINT, newPatronWithoutEmail("P103").noticePreference(), "print without an e-mail");
        PatronBlock typed = write(tx -> tx.patrons().addBlock(new PatronBlock(0, stored.id(), "API", true, true, true, "See staff", T0, null,
                BlockType.ADDRESS_UNKNOWN, "mail returned", "grace")));
        assertEquals(List.of(typed), read(tx -> tx.patrons().blocks(stored.id())));
        assertEquals(BlockType.KIOSK, new PatronBlock(0, 1, "SIP2", true, true, true, null, T0, null).type());
    }

    private Patron newPatronWithoutEmail(String barcode) {
        return write(tx -> tx.patrons().insert(new Patron(0, barcode, null, "No Mail", "ADULT", null, null, null, null, "EAST", false)));
    }

    @Test
    default void searchMatchesFoldedPrefixesAndPages() {
        Patron zola = write(tx -> tx.patrons().insert(new Patron(0, "S1", null, "\u00c9mile Zola", "ADULT", "Emile@Zola.example",
                "+33 (1) 42-00", null, null, "EAST", false)));
        Patron zweig = write(tx -> tx.patrons().insert(new Patron(0, "S2", null, "Zweig 100%_x", "ADULT", null, null, null, null, "EAST", false)));
        Patron any = newPatron("S3");
        assertEquals(List.of(zola), read(tx -> tx.patrons().search(new PatronSearch(null, "emile z", null, null, null), 0, 10)));
        assertEquals(List.of(zola), read(tx -> tx.patrons().search(new PatronSearch(null, null, null, "emile@", null), 0, 10)));
        assertEquals(List.of(zola), read(tx -> tx.patrons().search(new PatronSearch(null, null, null, null, "3314"), 0, 10)));
        assertEquals(List.of(zweig), read(tx -> tx.patrons().search(new PatronSearch(null, "zweig 100%_", null, null, null), 0, 10)));
        assertEquals(List.of(), read(tx -> tx.patrons().search(new PatronSearch(null, "zweig 100%x", null, null, null), 0, 10)),
                "% and _ are not wildcards");
        assertEquals(List.of(any), read(tx -> tx.patrons().search(new PatronSearch("S3", null, null, null, null), 0, 10)));
        assertEquals(List.of(zweig), read(tx -> tx.patrons().search(new PatronSearch(null, null, "S2", null, null), 0, 10)));
        List<Patron> all = read(tx -> tx.patrons().search(new PatronSearch(null, null, null, null, null), 0, 10));
        assertEquals(3, all.size());
        assertEquals(List.of(all.get(1)), read(tx -> tx.patrons().search(new PatronSearch(null, null, null, null, null), 1, 1)));
        Patron renamed = zola.withName("Zola, \u00c9mile");
        write(tx -> {
            tx.patrons().update(renamed);
            return null;
        });
        assertEquals(List.of(renamed), read(tx -> tx.patrons().search(new PatronSearch("zola", null, null, null, null), 0, 10)),
                "an update re-keys the search");
    }

    @Test
    default void lostCardsAreBoundToTheirPatronUntilRemoved() {
        Patron p = newPatron("L1");
        write(tx -> {
            tx.patrons().addLostCard(new LostCard("L0", p.id(), T0));
            return null;
        });
        assertEquals(new LostCard("L0", p.id(), T0), read(tx -> tx.patrons().lostCard("L0")).orElseThrow());
        StoreFixture.expectConflict(writeFailure(tx -> {
            tx.patrons().addLostCard(new LostCard("L0", p.id(), T0));
            return null;
        }));
        write(tx -> {
            tx.patrons().removeLostCards(p.id());
            return null;
        });
        assertTrue(read(tx -> tx.patrons().lostCard("L0")).isEmpty());
    }
}
