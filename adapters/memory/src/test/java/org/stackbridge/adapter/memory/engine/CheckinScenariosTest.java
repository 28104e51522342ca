package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views.ReturnDestination;
import org.stackbridge.core.outcome.Views;

/** The default rule: 14 days, 0.25 a day after 2 grace days, capped at 5.00; a loan from START is due 2026-03-16. */
class CheckinScenariosTest {

    private World world;
    private BibRecord bib;

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        world.patron("P3");
        bib = world.bib("b1");
        world.item("I1", bib);
        world.item("I2", bib);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private void returnAt(String instant) {
        world.clock.set(Instant.parse(instant));
    }

    @Test
    void onTimeReturnGoesBackOnTheShelfWithoutFine() {
        world.ok(world.checkout("P1", "I1"));
        world.advanceDays(3);
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertTrue(in.wasCheckedOut());
        assertEquals("P1", in.previousBorrower().barcode());
        assertEquals(Money.of("0", "USD"), in.fine());
        assertEquals(ReturnDestination.RESHELVE, in.destination());
        assertEquals("MAIN", in.destinationLibrary());
        assertEquals(world.clock.instant(), in.returnedAt());
        assertFalse(in.alert());
        assertEquals(ItemStatus.AVAILABLE, in.item().status());
        assertNull(in.item().borrowerBarcode());
        assertTrue(world.openLoanFor("I1").isEmpty());
        assertTrue(world.openFees("P1").isEmpty());
        assertTrue(world.info("P1").loans().isEmpty());
    }

    @Test
    void lateReturnWithinGraceIsNotFined() {
        world.ok(world.checkout("P1", "I1"));
        returnAt("2026-03-18T10:00:00Z");
        assertEquals(Money.of("0", "USD"), world.ok(world.checkin("I1")).fine());
        assertTrue(world.openFees("P1").isEmpty());
    }

    @Test
    void lateReturnPastGraceIsFinedForEveryOverdueDay() {
        world.ok(world.checkout("P1", "I1"));
        returnAt("2026-03-19T10:00:00Z");
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertEquals(Money.of("0.75", "USD"), in.fine());
        List<Fee> fees = world.openFees("P1");
        assertEquals(1, fees.size());
        Fee fee = fees.get(0);
        assertEquals(FeeType.OVERDUE, fee.type());
        assertEquals(Money.of("0.75", "USD"), fee.amount());
        assertEquals(world.storedItem("I1").id(), fee.itemId());
        assertEquals(world.allLoans().get(0).id(), fee.loanId());
        assertEquals(Money.of("0.75", "USD"), world.info("P1").balance());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.FEE_ASSESSED));
    }

    @Test
    void lateReturnFineStopsAtTheCap() {
        world.ok(world.checkout("P1", "I1"));
        returnAt("2026-04-30T10:00:00Z");
        assertEquals(Money.of("5.00", "USD"), world.ok(world.checkin("I1")).fine());
    }

    @Test
    void closedDaysAreNotFined() {
        world.calendar("MAIN", "MAIN", ZoneId.of("UTC"), Set.of(DayOfWeek.SUNDAY), Set.of(LocalDate.of(2026, 3, 20)));
        world.ok(world.checkout("P1", "I1"));
        // 17..23 March is seven days; Friday 20 (holiday) and Sunday 22 are closed: five charged.
        returnAt("2026-03-23T10:00:00Z");
        assertEquals(Money.of("1.25", "USD"), world.ok(world.checkin("I1")).fine());
    }

    @Test
    void explicitReturnDateIsAssessedAsOfThatDate() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(world.checkout("P1", "I2"));
        returnAt("2026-04-15T10:00:00Z");
        Instant withinGrace = Instant.parse("2026-03-18T09:00:00Z");
        Views.CheckedIn first = world.ok(new Commands.CheckIn(world.ctx().withOccurredAt(withinGrace), "I1", true));
        assertEquals(Money.of("0", "USD"), first.fine());
        assertEquals(withinGrace, first.returnedAt());
        Instant fourDaysLate = Instant.parse("2026-03-20T09:00:00Z");
        Views.CheckedIn second = world.ok(new Commands.CheckIn(world.ctx().withOccurredAt(fourDaysLate), "I2", true));
        assertEquals(Money.of("1.00", "USD"), second.fine());
        List<Loan> loans = world.allLoans();
        assertEquals(withinGrace, loans.get(0).returnedAt());
        assertEquals(fourDaysLate, loans.get(1).returnedAt());
    }

    @Test
    void returnDateBeforeTheLoanBeganIsTakenAsTheLoanStart() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(new Commands.CheckIn(world.ctx().withOccurredAt(World.START.minusSeconds(86_400)), "I1", true));
        assertEquals(World.START, world.allLoans().get(0).returnedAt());
    }

    @Test
    void returnDateInTheFutureIsTakenAsNow() {
        world.ok(world.checkout("P1", "I1"));
        world.advanceDays(1);
        Views.CheckedIn in = world.ok(new Commands.CheckIn(world.ctx().withOccurredAt(Instant.parse("2026-06-01T00:00:00Z")), "I1", true));
        assertEquals(world.clock.instant(), in.returnedAt());
        assertEquals(Money.of("0", "USD"), in.fine());
        assertEquals(world.clock.instant(), world.allLoans().get(0).returnedAt());
    }

    @Test
    void returnTrapsTheItemForAHoldPickedUpHere() {
        world.ok(world.checkout("P1", "I1"));
        Views.HoldPlaced hold = world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.advanceDays(1);
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertEquals(ReturnDestination.HOLD_SHELF, in.destination());
        assertEquals("MAIN", in.destinationLibrary());
        assertTrue(in.alert());
        Views.HoldTrap trap = in.hold();
        assertEquals(hold.holdId(), trap.holdId());
        assertEquals("MAIN", trap.pickupLibrary());
        assertFalse(trap.inTransit());
        assertEquals("P2", trap.patronBarcode());
        assertEquals("Patron P2", trap.patronName());
        assertEquals(LocalDate.of(2026, 3, 10), trap.shelfExpiresOn());
        assertEquals(ItemStatus.ON_HOLD_SHELF, in.item().status());
        assertEquals("MAIN", in.item().holdPickupLibrary());
        assertEquals(LocalDate.of(2026, 3, 10), in.item().holdShelfExpires());
        assertEquals(HoldStatus.READY, world.hold(hold.holdId()).status());
        assertEquals(1, world.info("P2").availableHolds().size());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.HOLD_TRAPPED));
    }

    @Test
    void holdShelfExpiryAvoidsClosedDays() {
        world.calendar("MAIN", "MAIN", ZoneId.of("UTC"), Set.of(DayOfWeek.MONDAY), Set.of());
        world.ok(world.titleHold("P2", "b1", "MAIN"));
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertEquals(LocalDate.of(2026, 3, 10), in.hold().shelfExpiresOn());
    }

    @Test
    void returnSendsTheItemInTransitForAHoldPickedUpElsewhere() {
        world.ok(world.checkout("P1", "I1"));
        Views.HoldPlaced hold = world.ok(world.titleHold("P2", "b1", "BRANCH"));
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertEquals(ReturnDestination.TRANSIT_FOR_HOLD, in.destination());
        assertEquals("BRANCH", in.destinationLibrary());
        assertTrue(in.hold().inTransit());
        assertEquals("BRANCH", in.hold().pickupLibrary());
        assertNull(in.hold().shelfExpiresOn());
        assertEquals(ItemStatus.IN_TRANSIT, in.item().status());
        assertEquals("BRANCH", in.item().inTransitTo());
        assertEquals(HoldStatus.IN_TRANSIT, world.hold(hold.holdId()).status());
        // Arriving at the pickup branch puts it on that hold shelf.
        Views.CheckedIn arrived = world.ok(world.checkinAt("BRANCH", "I1"));
        assertFalse(arrived.wasCheckedOut());
        assertEquals(ReturnDestination.HOLD_SHELF, arrived.destination());
        assertEquals(HoldStatus.READY, world.hold(hold.holdId()).status());
        Item item = world.storedItem("I1");
        assertEquals(ItemStatus.ON_HOLD_SHELF, item.status());
        assertEquals("BRANCH", item.currentLibrary());
        assertNull(item.inTransitTo());
    }

    @Test
    void itemReturnedAwayFromHomeGoesInTransitHome() {
        world.ok(world.checkout("P1", "I1"));
        Views.CheckedIn in = world.ok(world.checkinAt("BRANCH", "I1"));
        assertEquals(ReturnDestination.TRANSIT_HOME, in.destination());
        assertEquals("MAIN", in.destinationLibrary());
        assertTrue(in.alert());
        assertNull(in.hold());
        assertEquals(ItemStatus.IN_TRANSIT, in.item().status());
        assertEquals("MAIN", in.item().inTransitTo());
        assertEquals("BRANCH", in.item().currentLibrary());
        Views.CheckedIn home = world.ok(world.checkin("I1"));
        assertEquals(ReturnDestination.RESHELVE, home.destination());
        assertEquals(ItemStatus.AVAILABLE, home.item().status());
        assertEquals("MAIN", home.item().currentLibrary());
        assertNull(home.item().inTransitTo());
    }

    @Test
    void checkinOfAnItemNotCheckedOutSucceedsAndSaysSo() {
        int eventsBefore = world.events().size();
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertFalse(in.wasCheckedOut());
        assertNull(in.previousBorrower());
        assertEquals(Money.of("0", "USD"), in.fine());
        assertEquals(ReturnDestination.RESHELVE, in.destination());
        assertEquals(eventsBefore + 1, world.events().size());
    }

    @Test
    void checkinOfAnUnknownItemIsRefused() {
        world.refusedWithoutChange(world.checkin("NOPE"), RefusalReason.UNKNOWN_ITEM);
    }

    @Test
    void anItemLevelHoldIsFilledOnlyByItsItem() {
        Views.HoldPlaced hold = world.ok(world.itemHold("P2", "I2", "MAIN"));
        assertEquals(ReturnDestination.RESHELVE, world.ok(world.checkin("I1")).destination());
        Views.CheckedIn in = world.ok(world.checkin("I2"));
        assertEquals(ReturnDestination.HOLD_SHELF, in.destination());
        assertEquals(hold.holdId(), in.hold().holdId());
    }

    @Test
    void holdsAreTrappedInQueueOrder() {
        Views.HoldPlaced first = world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.advanceDays(1);
        Views.HoldPlaced second = world.ok(world.titleHold("P3", "b1", "MAIN"));
        assertEquals(first.holdId(), world.ok(world.checkin("I1")).hold().holdId());
        assertEquals(second.holdId(), world.ok(world.checkin("I2")).hold().holdId());
    }

    @Test
    void anExpiredHoldIsNotTrapped() {
        world.ok(new Commands.PlaceHold(world.ctx(), "P2", null, "b1", "MAIN", LocalDate.of(2026, 3, 5)));
        Views.HoldPlaced later = world.ok(world.titleHold("P3", "b1", "MAIN"));
        world.clock.set(Instant.parse("2026-03-06T10:00:00Z"));
        Views.CheckedIn in = world.ok(world.checkin("I1"));
        assertEquals(later.holdId(), in.hold().holdId());
        // and it no longer keeps anyone else from borrowing
        world.ok(world.checkout("P1", "I2"));
    }
}
