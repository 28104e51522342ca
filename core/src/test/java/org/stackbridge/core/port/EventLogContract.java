package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;

public interface EventLogContract extends StoreFixture {

    static CirculationEvent event(int secondsAfterT0, EventType type, Long itemId) {
        return new CirculationEvent(0, T0.plusSeconds(secondsAfterT0), type, "kiosk-1", Channel.SIP2, "term-1", "MAIN", 5L, itemId,
                "detail " + secondsAfterT0);
    }

    @Test
    default void appendedEventsGetIncreasingIds() {
        CirculationEvent a = write(tx -> tx.events().append(event(0, EventType.CHECKOUT, 1L)));
        CirculationEvent b = write(tx -> tx.events().append(event(1, EventType.CHECKIN, 1L)));
        assertTrue(a.id() > 0);
        assertTrue(b.id() > a.id());
    }

    @Test
    default void betweenIsHalfOpenInOrderAndLimited() {
        CirculationEvent e0 = write(tx -> tx.events().append(event(0, EventType.CHECKOUT, 1L)));
        CirculationEvent e1 = write(tx -> tx.events().append(event(10, EventType.RENEW, 1L)));
        CirculationEvent e2 = write(tx -> tx.events().append(event(20, EventType.CHECKIN, 1L)));
        write(tx -> tx.events().append(event(30, EventType.FEE_PAID, null)));
        assertEquals(List.of(e0, e1, e2), read(tx -> tx.events().between(T0, T0.plusSeconds(30), 100)));
        assertEquals(List.of(e1), read(tx -> tx.events().between(T0.plusSeconds(10), T0.plusSeconds(20), 100)));
        assertEquals(List.of(e0, e1), read(tx -> tx.events().between(T0, T0.plusSeconds(60), 2)));
    }

    @Test
    default void forItemListsThatItemsHistory() {
        CirculationEvent a = write(tx -> tx.events().append(event(0, EventType.CHECKOUT, 1L)));
        write(tx -> tx.events().append(event(1, EventType.CHECKOUT, 2L)));
        CirculationEvent c = write(tx -> tx.events().append(event(2, EventType.CHECKIN, 1L)));
        CirculationEvent noItem = write(tx -> tx.events().append(new CirculationEvent(0, T0, EventType.PATRON_BLOCKED, null, null, null,
                null, null, null, null)));
        assertEquals(List.of(a, c), read(tx -> tx.events().forItem(1L, 10)));
        assertEquals(List.of(a), read(tx -> tx.events().forItem(1L, 1)));
        assertEquals(List.of(noItem), read(tx -> tx.events().between(T0, T0.plusNanos(1_000), 10)).stream()
                .filter(e -> e.type() == EventType.PATRON_BLOCKED).toList());
    }

    @Test
    default void forPatronAndForItemNewestFirstPageBackwards() {
        CirculationEvent a = write(tx -> tx.events().append(new CirculationEvent(0, T0, EventType.CHECKOUT, "grace", null, null, null, 7L, 1L,
                null)));
        CirculationEvent b = write(tx -> tx.events().append(new CirculationEvent(0, T0, EventType.PATRON_UPDATED, "grace", null, null, null,
                7L, null, "updated {email: null -> \"a@b.org\"}")));
        write(tx -> tx.events().append(new CirculationEvent(0, T0, EventType.CHECKOUT, "kiosk", null, null, null, 8L, 2L, null)));
        CirculationEvent d = write(tx -> tx.events().append(new CirculationEvent(0, T0, EventType.CHECKIN, "kiosk", null, null, null, 7L, 1L,
                null)));
        assertEquals(List.of(d, b, a), read(tx -> tx.events().forPatron(7L, 0, 10)));
        assertEquals(List.of(b), read(tx -> tx.events().forPatron(7L, 1, 1)));
        assertEquals(List.of(), read(tx -> tx.events().forPatron(9L, 0, 10)));
        assertEquals(List.of(d, a), read(tx -> tx.events().forItemNewestFirst(1L, 0, 10)));
        assertEquals(List.of(a), read(tx -> tx.events().forItemNewestFirst(1L, 1, 10)));
    }

    @Test
    default void lastForItemIsTheItemsLatestEvent() {
        write(tx -> tx.events().append(event(0, EventType.CHECKOUT, 7L)));
        CirculationEvent last = write(tx -> tx.events().append(event(5, EventType.CHECKIN, 7L)));
        write(tx -> tx.events().append(event(9, EventType.CHECKOUT, 8L)));
        assertEquals(last.id(), read(tx -> tx.events().lastForItem(7L)).orElseThrow().id());
        assertTrue(read(tx -> tx.events().lastForItem(99L)).isEmpty());
    }
}
