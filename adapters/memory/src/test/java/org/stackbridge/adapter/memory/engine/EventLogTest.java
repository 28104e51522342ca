package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;

/** Every circulation action leaves one event saying who, where, when and what. */
class EventLogTest {

    private World world;
    private Patron p1;
    private Item i1;

    @BeforeEach
    void setUp() {
        world = new World();
        p1 = world.patron("P1");
        world.patron("P2");
        i1 = world.item("I1", world.bib("b1"));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void aDayAtTheDeskIsRecordedInOrder() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(world.renew("P1", "I1"));
        world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.clock.set(Instant.parse("2026-03-30T12:00:00Z"));
        world.ok(world.checkin("I1"));
        world.ok(world.pay("P1", "1.00", null, "BK9"));
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", "x", false));
        world.ok(new Commands.UnblockPatron(world.ctx(), "P1"));
        world.ok(new Commands.UpdateItem(world.ctx(), "I1", null, "Display", null));
        world.ok(new Commands.CancelHold(world.ctx(), "P2", null, "b1"));

        List<CirculationEvent> events = world.events();
        assertEquals(List.of(EventType.CHECKOUT, EventType.RENEW, EventType.HOLD_PLACED, EventType.FEE_ASSESSED, EventType.CHECKIN,
                EventType.HOLD_TRAPPED, EventType.FEE_PAID, EventType.PATRON_BLOCKED, EventType.PATRON_UNBLOCKED,
                EventType.ITEM_STATUS_CHANGED, EventType.HOLD_CANCELLED), events.stream().map(CirculationEvent::type).toList());
        for (int i = 0; i < events.size(); i++) {
            CirculationEvent e = events.get(i);
            assertEquals("kiosk", e.actor(), e.toString());
            assertEquals(Channel.SIP2, e.channel(), e.toString());
            assertEquals("kiosk-1", e.terminal(), e.toString());
            assertTrue(e.library() != null, e.toString());
            if (i > 0) {
                assertTrue(e.id() > events.get(i - 1).id(), "append-only, in order");
                assertTrue(!e.at().isBefore(events.get(i - 1).at()));
            }
        }
        CirculationEvent checkout = events.get(0);
        assertEquals(World.START, checkout.at());
        assertEquals(p1.id(), checkout.patronId());
        assertEquals(i1.id(), checkout.itemId());
        assertTrue(checkout.detail().contains("due=2026-03-16T23:59:59Z"), checkout.detail());
        CirculationEvent checkin = events.get(4);
        assertEquals(Instant.parse("2026-03-30T12:00:00Z"), checkin.at());
        assertTrue(checkin.detail().contains("returned=2026-03-30T12:00:00Z"), checkin.detail());
        assertEquals(ItemStatus.AVAILABLE, world.storedItem("I1").status(), "the cancelled hold released it");
    }

    @Test
    void refusalsAreNotLogged() {
        world.ok(world.checkout("P2", "I1"));
        int before = world.events().size();
        world.refused(world.checkout("P1", "I1"), org.stackbridge.core.outcome.RefusalReason.ITEM_CHECKED_OUT_TO_OTHER);
        assertEquals(before, world.events().size());
    }
}
