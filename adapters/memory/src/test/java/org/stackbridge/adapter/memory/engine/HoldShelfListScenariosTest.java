package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.outcome.Page;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;

/** The hold-shelf desk's lists: pull list, clear-shelf list and transits, per library. */
class HoldShelfListScenariosTest {

    private World world;

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        world.patron("P3");
        BibRecord b1 = world.bib("b1");
        world.item("I1", b1);
        world.item("I2", b1);
        world.item("J1", world.bib("b2"), "BOOK", "BRANCH");
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private Page<Views.PullLine> pull(String library) {
        return world.ok(new Commands.ListHoldsToPull(world.ctx(), library, 1, 20));
    }

    @Test
    void thePullListMatchesEachWaitingHoldWithADifferentItemOnThisLibrarysShelf() {
        long a = world.ok(world.titleHold("P1", "b1", "MAIN")).holdId();
        long b = world.ok(world.titleHold("P2", "b1", "BRANCH")).holdId();
        world.ok(world.titleHold("P3", "b1", "MAIN")); // two items, three holds: the third waits
        world.ok(world.titleHold("P1", "b2", "MAIN")); // its item is on BRANCH's shelf
        Page<Views.PullLine> main = pull("MAIN");
        assertEquals(2, main.total());
        assertEquals(List.of(a, b), main.items().stream().map(Views.PullLine::holdId).toList());
        assertEquals(List.of("I1", "I2"), main.items().stream().map(Views.PullLine::itemBarcode).toList());
        assertEquals("P2", main.items().get(1).patronBarcode());
        assertEquals("BRANCH", main.items().get(1).pickupLibrary());
        assertEquals(List.of("J1"), pull("BRANCH").items().stream().map(Views.PullLine::itemBarcode).toList());

        world.ok(new Commands.SuspendHold(world.ctx(), a, null));
        assertEquals(List.of("P2", "P3"), pull("MAIN").items().stream().map(Views.PullLine::patronBarcode).toList(),
                "a suspended hold is not pulled for");
        Page<Views.PullLine> second = world.ok(new Commands.ListHoldsToPull(world.ctx(), "MAIN", 2, 1));
        assertEquals(2, second.total());
        assertEquals("P3", second.items().get(0).patronBarcode());
        world.refused(new Commands.ListHoldsToPull(world.ctx(), "NOWHERE", 1, 20), RefusalReason.UNKNOWN_LIBRARY);
        world.refused(new Commands.ListHoldsToPull(world.ctx(), "OTHER", 1, 20), RefusalReason.UNKNOWN_LIBRARY);
    }

    @Test
    void theClearShelfListShowsItemsWhoseHoldExpiredUncollectedBeforeAndAfterTheExpiryJob() {
        long h = world.ok(world.titleHold("P1", "b1", "MAIN")).holdId();
        world.ok(world.checkin("I1")); // trapped: on the shelf until 2026-03-09
        LocalDate expiry = world.hold(h).shelfExpiresOn();
        assertEquals(0, world.ok(new Commands.ListExpiredOnShelf(world.ctx(), "MAIN", 1, 20)).total());
        world.clock.set(expiry.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(3600));
        Page<Views.ShelfLine> ready = world.ok(new Commands.ListExpiredOnShelf(world.ctx(), "MAIN", 1, 20));
        assertEquals(1, ready.total());
        assertEquals("I1", ready.items().get(0).itemBarcode());
        assertEquals("P1", ready.items().get(0).patronBarcode());
        assertEquals(expiry, ready.items().get(0).shelfExpiresOn());
        assertEquals(HoldStatus.READY, ready.items().get(0).holdStatus());

        world.ok(new Commands.ExpireHolds(world.ctx(), 0, 100));
        Page<Views.ShelfLine> expired = world.ok(new Commands.ListExpiredOnShelf(world.ctx(), "MAIN", 1, 20));
        assertEquals(1, expired.total(), "the job expires the hold; the item is still on the shelf");
        assertEquals(HoldStatus.EXPIRED, expired.items().get(0).holdStatus());
        world.ok(world.checkin("I1"));
        assertEquals(0, world.ok(new Commands.ListExpiredOnShelf(world.ctx(), "MAIN", 1, 20)).total());
        assertEquals(0, world.ok(new Commands.ListExpiredOnShelf(world.ctx(), "BRANCH", 1, 20)).total());
    }

    @Test
    void transitsSayFromWhereToWhereSinceWhenAndWhy() {
        world.ok(world.titleHold("P2", "b1", "BRANCH"));
        world.ok(world.checkin("I1")); // for the hold, MAIN -> BRANCH
        world.advanceDays(1);
        world.ok(world.checkout("P1", "J1"));
        world.ok(world.checkin("J1")); // returned at MAIN, goes home to BRANCH
        Page<Views.TransitLine> incoming = world.ok(new Commands.ListTransits(world.ctx(), "BRANCH", true, 1, 20));
        assertEquals(2, incoming.total());
        Views.TransitLine forHold = incoming.items().get(0);
        assertEquals("I1", forHold.itemBarcode());
        assertEquals("MAIN", forHold.fromLibrary());
        assertEquals("BRANCH", forHold.toLibrary());
        assertEquals(World.START, forHold.since());
        assertEquals(Views.TransitReason.HOLD, forHold.reason());
        assertEquals("P2", forHold.patronBarcode());
        assertNotNull(forHold.holdId());
        Views.TransitLine home = incoming.items().get(1);
        assertEquals("J1", home.itemBarcode());
        assertEquals(Views.TransitReason.HOME, home.reason());
        assertEquals(World.START.plus(java.time.Duration.ofDays(1)), home.since());
        assertNull(home.patronBarcode());
        assertEquals(2, world.ok(new Commands.ListTransits(world.ctx(), "MAIN", false, 1, 20)).total());
        assertEquals(0, world.ok(new Commands.ListTransits(world.ctx(), "MAIN", true, 1, 20)).total());
    }
}
