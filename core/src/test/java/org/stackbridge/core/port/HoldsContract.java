package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Patron;

public interface HoldsContract extends StoreFixture {

    static Hold waiting(Patron p, BibRecord b, int secondsAfterT0) {
        return new Hold(0, p.id(), b.id(), null, "MAIN", T0.plusSeconds(secondsAfterT0), LocalDate.of(2026, 6, 1), HoldStatus.WAITING,
                null, null, null);
    }

    @Test
    default void insertedHoldIsFoundById() {
        Patron p = newPatron("P1");
        BibRecord b = newBib("b1");
        Hold h = write(tx -> tx.holds().insert(waiting(p, b, 0)));
        assertTrue(h.id() > 0);
        assertEquals(h, read(tx -> tx.holds().byId(h.id())).orElseThrow());
        assertTrue(read(tx -> tx.holds().byId(h.id() + 99)).isEmpty());
    }

    @Test
    default void openForBibIsInQueueOrderAndSkipsClosedHolds() {
        Patron p1 = newPatron("P1");
        Patron p2 = newPatron("P2");
        Patron p3 = newPatron("P3");
        BibRecord b = newBib("b1");
        BibRecord other = newBib("b2");
        Hold late = write(tx -> tx.holds().insert(waiting(p1, b, 300)));
        Hold early = write(tx -> tx.holds().insert(waiting(p2, b, 100)));
        Hold sameTimeAsEarly = write(tx -> tx.holds().insert(waiting(p3, b, 100)));
        Hold cancelled = write(tx -> tx.holds().insert(waiting(p3, b, 0).withStatus(HoldStatus.CANCELLED)));
        write(tx -> tx.holds().insert(waiting(p1, other, 0)));
        assertEquals(List.of(early, sameTimeAsEarly, late), read(tx -> tx.holds().openForBib(b.id())));
        assertTrue(cancelled.id() > 0);
    }

    @Test
    default void openPageWalksOpenHoldsInIdOrder() {
        Patron p = newPatron("P1");
        BibRecord b = newBib("b1");
        Hold a = write(tx -> tx.holds().insert(waiting(p, b, 300)));
        write(tx -> tx.holds().insert(waiting(p, b, 0).withStatus(HoldStatus.FILLED)));
        Hold c = write(tx -> tx.holds().insert(waiting(p, b, 100).withStatus(HoldStatus.READY)));
        Hold d = write(tx -> tx.holds().insert(waiting(p, b, 200).withStatus(HoldStatus.IN_TRANSIT)));
        write(tx -> tx.holds().insert(waiting(p, b, 50).withStatus(HoldStatus.EXPIRED)));
        assertEquals(List.of(a, c), read(tx -> tx.holds().openPage(0, 2)));
        assertEquals(List.of(d), read(tx -> tx.holds().openPage(c.id(), 2)));
        assertEquals(List.of(), read(tx -> tx.holds().openPage(d.id(), 2)));
    }

    @Test
    default void openForPatronListsOnlyOpenHolds() {
        Patron p = newPatron("P1");
        BibRecord b1 = newBib("b1");
        BibRecord b2 = newBib("b2");
        BibRecord b3 = newBib("b3");
        Hold ready = write(tx -> tx.holds().insert(waiting(p, b1, 50).withStatus(HoldStatus.READY)));
        Hold waiting = write(tx -> tx.holds().insert(waiting(p, b2, 10)));
        write(tx -> tx.holds().insert(waiting(p, b3, 0).withStatus(HoldStatus.FILLED)));
        assertEquals(List.of(waiting, ready), read(tx -> tx.holds().openForPatron(p.id())));
    }

    @Test
    default void trappedHoldIsFoundByItemUntilFilled() {
        Patron p = newPatron("P1");
        Item i = newItem("I1");
        BibRecord b = read(tx -> tx.bibs().byId(i.bibId())).orElseThrow();
        Hold h = write(tx -> tx.holds().insert(waiting(p, b, 0)));
        assertTrue(read(tx -> tx.holds().openTrappingItem(i.id())).isEmpty());
        Hold trapped = h.trapped(i.id(), HoldStatus.READY, LocalDate.of(2026, 3, 9));
        write(tx -> {
            tx.holds().update(trapped);
            return null;
        });
        assertEquals(trapped, read(tx -> tx.holds().openTrappingItem(i.id())).orElseThrow());
        write(tx -> {
            tx.holds().update(trapped.withStatus(HoldStatus.FILLED));
            return null;
        });
        assertTrue(read(tx -> tx.holds().openTrappingItem(i.id())).isEmpty());
        assertEquals(HoldStatus.FILLED, read(tx -> tx.holds().byId(h.id())).orElseThrow().status());
    }

    @Test
    default void itemLevelHoldWithIllLinkRoundTrips() {
        Patron p = newPatron("P1");
        Item i = newItem("I1");
        Hold h = new Hold(0, p.id(), i.bibId(), i.id(), "EAST", T0, null, HoldStatus.IN_TRANSIT, i.id(), null, 42L);
        Hold stored = write(tx -> tx.holds().insert(h));
        Hold changed = stored.changed("WEST", LocalDate.of(2027, 1, 1));
        write(tx -> {
            tx.holds().update(changed);
            return null;
        });
        assertEquals(changed, read(tx -> tx.holds().byId(stored.id())).orElseThrow());
    }

    @Test
    default void suspensionRoundTripsAndLastTrappingFindsClosedHolds() {
        Patron p = newPatron("P1");
        Item i = newItem("I1");
        BibRecord b = read(tx -> tx.bibs().byId(i.bibId())).orElseThrow();
        Hold stored = write(tx -> tx.holds().insert(waiting(p, b, 0)));
        Hold suspended = stored.suspend(LocalDate.of(2026, 7, 1));
        write(tx -> {
            tx.holds().update(suspended);
            return null;
        });
        assertEquals(suspended, read(tx -> tx.holds().byId(stored.id())).orElseThrow());
        Hold indefinitely = stored.suspend(null);
        write(tx -> {
            tx.holds().update(indefinitely);
            return null;
        });
        assertEquals(indefinitely, read(tx -> tx.holds().byId(stored.id())).orElseThrow());
        assertTrue(read(tx -> tx.holds().lastTrapping(i.id())).isEmpty());

        Hold expired = indefinitely.resumed().trapped(i.id(), HoldStatus.EXPIRED, LocalDate.of(2026, 6, 8));
        write(tx -> {
            tx.holds().update(expired);
            return null;
        });
        assertTrue(read(tx -> tx.holds().openTrappingItem(i.id())).isEmpty());
        assertEquals(expired, read(tx -> tx.holds().lastTrapping(i.id())).orElseThrow());
        Hold later = write(tx -> tx.holds().insert(waiting(p, b, 10).trapped(i.id(), HoldStatus.READY, LocalDate.of(2026, 6, 20))));
        assertEquals(later.id(), read(tx -> tx.holds().lastTrapping(i.id())).orElseThrow().id());
    }
}
