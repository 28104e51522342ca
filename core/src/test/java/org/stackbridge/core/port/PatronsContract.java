package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Patron;
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
}
