package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;

class HoldScenariosTest {

    private World world;

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        world.patron("P3");
        world.patron("B1", "ADULT", "BRANCH");
        BibRecord b1 = world.bib("b1");
        world.item("I1", b1);
        world.item("I2", b1);
        world.bib("empty");
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private Commands.CancelHold cancel(String patron, String bib) {
        return new Commands.CancelHold(world.ctx(), patron, null, bib);
    }

    @Test
    void titleLevelHoldJoinsTheQueue() {
        Views.HoldPlaced first = world.ok(world.titleHold("P1", "b1", "MAIN"));
        assertEquals(1, first.queuePosition());
        assertEquals("b1", first.bibControlNumber());
        assertEquals("Title b1", first.title());
        assertNull(first.itemBarcode());
        assertEquals("MAIN", first.pickupLibrary());
        assertFalse(first.available());
        Views.HoldPlaced second = world.ok(world.titleHold("P2", "b1", "MAIN"));
        assertEquals(2, second.queuePosition());
        Hold stored = world.hold(first.holdId());
        assertEquals(HoldStatus.WAITING, stored.status());
        assertEquals(World.START, stored.placedAt());
        assertEquals(2, world.itemInfo("I1").holdQueueLength());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.HOLD_PLACED));
    }

    @Test
    void itemLevelHoldNamesTheItem() {
        Views.HoldPlaced hold = world.ok(world.itemHold("P1", "I2", "MAIN"));
        assertEquals("I2", hold.itemBarcode());
        assertEquals(world.storedItem("I2").id(), world.hold(hold.holdId()).itemId());
        assertEquals(1, world.itemInfo("I2").holdQueueLength());
        assertEquals(0, world.itemInfo("I1").holdQueueLength());
    }

    @Test
    void pickupDefaultsToThePatronsHomeLibrary() {
        assertEquals("BRANCH", world.ok(world.titleHold("B1", "b1", null)).pickupLibrary());
    }

    @Test
    void aSecondHoldOnTheSameTitleIsRefused() {
        world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.refusedWithoutChange(world.titleHold("P1", "b1", "BRANCH"), RefusalReason.DUPLICATE_HOLD);
        world.refusedWithoutChange(world.itemHold("P1", "I2", "MAIN"), RefusalReason.DUPLICATE_HOLD);
    }

    @Test
    void holdIsRefusedForAnUnknownPickupLibrary() {
        world.refusedWithoutChange(world.titleHold("P1", "b1", "NOWHERE"), RefusalReason.UNKNOWN_LIBRARY);
    }

    @Test
    void holdIsRefusedForAPickupLibraryOfAnotherInstitution() {
        world.refusedWithoutChange(world.titleHold("P1", "b1", "OTHER"), RefusalReason.UNKNOWN_LIBRARY);
    }

    @Test
    void holdIsRefusedWhenTheRuleDoesNotAllowHolds() {
        world.rule(rule().scope(null, null, "DVD").holds(false, 0).build());
        BibRecord film = world.bib("film");
        world.item("D1", film, "DVD", "MAIN");
        world.refusedWithoutChange(world.titleHold("P1", "film", "MAIN"), RefusalReason.HOLDS_NOT_ALLOWED);
        world.refusedWithoutChange(world.itemHold("P1", "D1", "MAIN"), RefusalReason.HOLDS_NOT_ALLOWED);
    }

    @Test
    void holdIsRefusedForAnUnknownTitleOrItem() {
        world.refusedWithoutChange(world.titleHold("P1", "nope", "MAIN"), RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(world.itemHold("P1", "NOPE", "MAIN"), RefusalReason.UNKNOWN_ITEM);
        world.refusedWithoutChange(new Commands.PlaceHold(world.ctx(), "P1", null, null, "MAIN", null), RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(world.titleHold("NOPE", "b1", "MAIN"), RefusalReason.UNKNOWN_PATRON);
    }

    @Test
    void holdIsRefusedWithAnExpiryInThePast() {
        world.refusedWithoutChange(new Commands.PlaceHold(world.ctx(), "P1", null, "b1", "MAIN", LocalDate.of(2026, 3, 1)),
                RefusalReason.INVALID_REQUEST);
        world.ok(new Commands.PlaceHold(world.ctx(), "P1", null, "b1", "MAIN", LocalDate.of(2026, 3, 2)));
    }

    @Test
    void holdIsRefusedWhenRequestsAreBlockedOrTheCardExpired() {
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", "no holds", false));
        world.refusedWithoutChange(world.titleHold("P1", "b1", "MAIN"), RefusalReason.PATRON_BLOCKED);
        world.patron("OLD", LocalDate.of(2026, 1, 1), false);
        world.refusedWithoutChange(world.titleHold("OLD", "b1", "MAIN"), RefusalReason.PATRON_EXPIRED);
    }

    @Test
    void queuePositionsCloseUpWhenAHoldIsCancelled() {
        world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.advanceDays(1);
        world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.advanceDays(1);
        world.ok(world.titleHold("P3", "b1", "MAIN"));
        assertEquals(3, world.info("P3").holds().get(0).queuePosition());
        Views.HoldCancelled c = world.ok(cancel("P1", "b1"));
        assertEquals("b1", c.bibControlNumber());
        assertEquals(HoldStatus.CANCELLED, world.hold(c.holdId()).status());
        assertTrue(world.info("P1").holds().isEmpty());
        assertEquals(1, world.info("P2").holds().get(0).queuePosition());
        assertEquals(2, world.info("P3").holds().get(0).queuePosition());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.HOLD_CANCELLED));
    }

    @Test
    void cancellingATrappedHoldReleasesTheItemToTheShelf() {
        Views.HoldPlaced hold = world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        assertEquals(ItemStatus.ON_HOLD_SHELF, world.storedItem("I1").status());
        world.ok(cancel("P1", "b1"));
        assertEquals(HoldStatus.CANCELLED, world.hold(hold.holdId()).status());
        assertEquals(ItemStatus.AVAILABLE, world.storedItem("I1").status());
        assertNull(world.itemInfo("I1").holdPickupLibrary());
        world.ok(world.checkout("P2", "I1"));
    }

    @Test
    void cancellingAHoldTrappedAtAnotherBranchSendsTheItemHome() {
        world.ok(world.titleHold("P1", "b1", "BRANCH"));
        world.ok(world.checkin("I1"));
        world.ok(world.checkinAt("BRANCH", "I1"));
        assertEquals(ItemStatus.ON_HOLD_SHELF, world.storedItem("I1").status());
        world.ok(cancel("P1", "b1"));
        Item item = world.storedItem("I1");
        assertEquals(ItemStatus.IN_TRANSIT, item.status());
        assertEquals("MAIN", item.inTransitTo());
    }

    @Test
    void cancellingAHoldWhoseItemIsInTransitRedirectsItHome() {
        world.ok(world.titleHold("P1", "b1", "BRANCH"));
        world.ok(world.checkin("I1"));
        world.ok(cancel("P1", "b1"));
        Item item = world.storedItem("I1");
        assertEquals(ItemStatus.IN_TRANSIT, item.status());
        assertEquals("MAIN", item.inTransitTo());
    }

    @Test
    void cancellingAnUnknownHoldIsRefused() {
        world.refusedWithoutChange(cancel("P1", "b1"), RefusalReason.UNKNOWN_HOLD);
        world.refusedWithoutChange(cancel("P1", "nope"), RefusalReason.UNKNOWN_HOLD);
        world.refusedWithoutChange(cancel("NOPE", "b1"), RefusalReason.UNKNOWN_PATRON);
        world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.refusedWithoutChange(cancel("P1", "b1"), RefusalReason.UNKNOWN_HOLD);
    }

    @Test
    void anItemLeftOnTheHoldShelfPastItsExpiryCanBeLentToAnother() {
        Views.HoldPlaced hold = world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        assertEquals(LocalDate.of(2026, 3, 9), world.hold(hold.holdId()).shelfExpiresOn());
        world.clock.set(java.time.Instant.parse("2026-03-09T12:00:00Z"));
        world.refusedWithoutChange(world.checkout("P2", "I1"), RefusalReason.ITEM_ON_HOLD_FOR_OTHER);
        world.clock.set(java.time.Instant.parse("2026-03-10T12:00:00Z"));
        world.ok(world.checkout("P2", "I1"));
        assertEquals(HoldStatus.EXPIRED, world.hold(hold.holdId()).status());
        assertTrue(world.info("P1").holds().isEmpty());
    }

    @Test
    void checkingInAnItemWhoseHoldShelfTimeRanOutServesTheNextHold() {
        Views.HoldPlaced first = world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        Views.HoldPlaced next = world.ok(world.titleHold("P2", "b1", "BRANCH"));
        world.clock.set(java.time.Instant.parse("2026-03-12T12:00:00Z"));
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertEquals(HoldStatus.EXPIRED, world.hold(first.holdId()).status());
        assertEquals(next.holdId(), in.hold().holdId());
        assertEquals(Views.ReturnDestination.TRANSIT_FOR_HOLD, in.destination());
        assertEquals("BRANCH", in.destinationLibrary());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.HOLD_CANCELLED && e.detail().contains("shelf expired")));
    }

    @Test
    void theExpiryJobExpiresShelfAndNotNeededAfterHoldsAndNothingElse() {
        Views.HoldPlaced shelf = world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        Views.HoldPlaced queued = world.ok(world.titleHold("P2", "b1", "MAIN"));
        Views.HoldPlaced lapsing = world.ok(new Commands.ChangeHold(world.ctx(), "P2", null, "b1", null, LocalDate.of(2026, 3, 10)));
        assertEquals(queued.holdId(), lapsing.holdId());
        Views.HoldPlaced lasting = world.ok(world.titleHold("P3", "b1", "MAIN"));
        assertEquals("READY", world.hold(shelf.holdId()).status().name());

        // before any date passed: nothing to do, and the job changes nothing
        world.refusedWithoutChange(world.checkout("P3", "I1"), RefusalReason.ITEM_ON_HOLD_FOR_OTHER);
        Views.HoldsExpired none = world.ok(new Commands.ExpireHolds(world.ctx(), 0, 100));
        assertEquals(3, none.examined());
        assertEquals(0, none.expired());
        assertTrue(none.done());

        world.clock.set(java.time.Instant.parse("2026-03-12T12:00:00Z"));
        Views.HoldsExpired first = world.ok(new Commands.ExpireHolds(world.ctx(), 0, 2));
        assertEquals(2, first.examined());
        assertEquals(2, first.expired());
        assertEquals(false, first.done());
        Views.HoldsExpired rest = world.ok(new Commands.ExpireHolds(world.ctx(), first.lastId(), 2));
        assertEquals(1, rest.examined());
        assertEquals(0, rest.expired());
        assertTrue(rest.done());

        assertEquals(HoldStatus.EXPIRED, world.hold(shelf.holdId()).status());
        assertEquals(HoldStatus.EXPIRED, world.hold(queued.holdId()).status());
        assertEquals(HoldStatus.WAITING, world.hold(lasting.holdId()).status());
        // the patron no longer sees a hold waiting for pickup
        assertTrue(world.info("P1").holds().isEmpty());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.HOLD_CANCELLED
                && e.detail().equals("hold=" + shelf.holdId() + " shelf expired 2026-03-09")));
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.HOLD_CANCELLED
                && e.detail().equals("hold=" + queued.holdId() + " expired 2026-03-10")));
        // the item stays on the hold shelf until checked in, which now traps it for the next patron
        assertEquals(ItemStatus.ON_HOLD_SHELF, world.storedItem("I1").status());
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertEquals(lasting.holdId(), in.hold().holdId());
    }

    @Test
    void checkingInAnExpiredShelfItemWithNoOtherHoldReshelvesIt() {
        world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        world.clock.set(java.time.Instant.parse("2026-03-12T12:00:00Z"));
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertNull(in.hold());
        assertEquals(Views.ReturnDestination.RESHELVE, in.destination());
        assertEquals(ItemStatus.AVAILABLE, world.storedItem("I1").status());
    }

    @Test
    void changingAHoldMovesPickupAndExpiry() {
        Views.HoldPlaced hold = world.ok(world.titleHold("P1", "b1", "MAIN"));
        Views.HoldPlaced changed = world.ok(new Commands.ChangeHold(world.ctx(), "P1", null, "b1", "BRANCH", LocalDate.of(2026, 6, 1)));
        assertEquals(hold.holdId(), changed.holdId());
        assertEquals("BRANCH", changed.pickupLibrary());
        assertEquals(LocalDate.of(2026, 6, 1), changed.expiresOn());
        Hold stored = world.hold(hold.holdId());
        assertEquals("BRANCH", stored.pickupLibrary());
        assertEquals(LocalDate.of(2026, 6, 1), stored.expiresOn());
        assertEquals(HoldStatus.WAITING, stored.status());
    }

    @Test
    void changingTheExpiryOfATrappedHoldKeepsItsPickup() {
        world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        world.refusedWithoutChange(new Commands.ChangeHold(world.ctx(), "P1", null, "b1", "BRANCH", null), RefusalReason.INVALID_REQUEST);
        Views.HoldPlaced changed = world.ok(new Commands.ChangeHold(world.ctx(), "P1", null, "b1", "", LocalDate.of(2026, 6, 1)));
        assertEquals("MAIN", changed.pickupLibrary());
        assertTrue(changed.available());
    }

    @Test
    void changingAHoldIsRefusedForUnknownOrForeignLibrariesAndPastExpiry() {
        world.ok(world.titleHold("P1", "b1", "MAIN"));
        List<Object> before = List.of(world.snapshot());
        world.refusedWithoutChange(new Commands.ChangeHold(world.ctx(), "P1", null, "b1", "NOWHERE", null), RefusalReason.UNKNOWN_LIBRARY);
        world.refusedWithoutChange(new Commands.ChangeHold(world.ctx(), "P1", null, "b1", "OTHER", null), RefusalReason.UNKNOWN_LIBRARY);
        world.refusedWithoutChange(new Commands.ChangeHold(world.ctx(), "P1", null, "b1", null, LocalDate.of(2025, 1, 1)),
                RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(new Commands.ChangeHold(world.ctx(), "P2", null, "b1", "BRANCH", null), RefusalReason.UNKNOWN_HOLD);
        assertEquals(before, List.of(world.snapshot()));
    }
}
