package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;

public interface ItemsContract extends StoreFixture {

    @Test
    default void insertedItemIsFoundByBarcodeIdAndBib() {
        BibRecord b = newBib("b1");
        Item i1 = write(tx -> tx.items().insert(StoreFixture.item("I1", b.id())));
        Item i2 = write(tx -> tx.items().insert(StoreFixture.item("I2", b.id())));
        newItem("I3");
        assertTrue(i1.id() > 0);
        assertEquals(i1, read(tx -> tx.items().byBarcode("I1")).orElseThrow());
        assertEquals(i2, read(tx -> tx.items().byId(i2.id())).orElseThrow());
        assertEquals(List.of(i1, i2), read(tx -> tx.items().byBib(b.id())));
        assertTrue(read(tx -> tx.items().byBarcode("nope")).isEmpty());
    }

    @Test
    default void sparseItemRoundTrips() {
        BibRecord b = newBib("b1");
        Item sparse = new Item(0, "I9", b.id(), "DVD", "EAST", null, null, null, null, ItemStatus.IN_PROCESS, null, 77L);
        Item stored = write(tx -> tx.items().insert(sparse));
        assertEquals(stored, read(tx -> tx.items().byId(stored.id())).orElseThrow());
        assertEquals("EAST", stored.currentLibrary());
    }

    @Test
    default void duplicateBarcodeIsAConflict() {
        Item i = newItem("I1");
        StoreFixture.expectConflict(writeFailure(tx -> tx.items().insert(StoreFixture.item("I1", i.bibId()))));
        assertEquals(1, read(tx -> tx.items().page(0, 10)).size());
    }

    @Test
    default void updateChangesStatusAndLocation() {
        Item i = newItem("I1");
        Item moved = i.inTransit("WEST").at("EAST");
        Item priced = new Item(moved.id(), moved.barcode(), moved.bibId(), "MAP", moved.homeLibrary(), moved.currentLibrary(), "Annex",
                "G1", new BigDecimal("12.50"), moved.status(), moved.inTransitTo(), null);
        write(tx -> {
            tx.items().update(priced);
            return null;
        });
        Item found = read(tx -> tx.items().byId(i.id())).orElseThrow();
        assertEquals(priced, found);
        assertEquals(ItemStatus.IN_TRANSIT, found.status());
        assertEquals("WEST", found.inTransitTo());
    }

    @Test
    default void deleteRemovesTheItem() {
        Item i = newItem("I1");
        Item keep = newItem("I2");
        write(tx -> {
            tx.items().delete(i.id());
            return null;
        });
        assertTrue(read(tx -> tx.items().byId(i.id())).isEmpty());
        assertEquals(List.of(keep), read(tx -> tx.items().page(0, 10)));
    }

    @Test
    default void pageWalksItemsInIdOrder() {
        Item a = newItem("I1");
        Item b = newItem("I2");
        Item c = newItem("I3");
        assertEquals(List.of(a), read(tx -> tx.items().page(0, 1)));
        assertEquals(List.of(b, c), read(tx -> tx.items().page(a.id(), 10)));
    }

    @Test
    default void withStatusPagesItemsOfOneStatusInIdOrder() {
        Item a = newItem("I1");
        Item b = newItem("I2");
        Item c = newItem("I3");
        write(tx -> {
            tx.items().update(a.inTransit("EAST"));
            tx.items().update(c.inTransit("WEST"));
            return null;
        });
        assertEquals(java.util.List.of(a.id(), c.id()), read(tx -> tx.items().withStatus(ItemStatus.IN_TRANSIT, 0, 10)).stream()
                .map(Item::id).toList());
        assertEquals(java.util.List.of(c.id()), read(tx -> tx.items().withStatus(ItemStatus.IN_TRANSIT, a.id(), 10)).stream()
                .map(Item::id).toList());
        assertEquals(java.util.List.of(a.id()), read(tx -> tx.items().withStatus(ItemStatus.IN_TRANSIT, 0, 1)).stream()
                .map(Item::id).toList());
        assertEquals(java.util.List.of(b.id()), read(tx -> tx.items().withStatus(ItemStatus.AVAILABLE, 0, 10)).stream()
                .map(Item::id).toList());
    }
}
