package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.service.EngineSettings;

class CheckoutScenariosTest {

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

    @Test
    void checkoutLendsAnAvailableItemUntilTheRuleDueDate() {
        Views.CheckedOut out = world.ok(world.checkout("P1", "I1"));
        assertEquals(Instant.parse("2026-03-16T23:59:59Z"), out.dueAt());
        assertFalse(out.renewal());
        assertFalse(out.offline());
        assertEquals("P1", out.patron().barcode());
        assertEquals(ItemStatus.CHECKED_OUT, out.item().status());
        assertEquals("P1", out.item().borrowerBarcode());
        assertEquals(ItemStatus.CHECKED_OUT, world.storedItem("I1").status());
        Loan loan = world.openLoanFor("I1").orElseThrow();
        assertEquals(World.START, loan.issuedAt());
        assertEquals(Channel.SIP2, loan.channel());
        assertEquals("kiosk-1", loan.terminal());
        assertEquals("MAIN", loan.library());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.CHECKOUT && "kiosk".equals(e.actor())));
        assertEquals(1, world.info("P1").loans().size());
    }

    @Test
    void checkoutAtABranchUsesTheBranchRuleAndRecordsTheBranch() {
        world.rule(rule().scope("BRANCH", null, null).loan(7, PeriodUnit.DAYS).build());
        Views.CheckedOut out = world.ok(new Commands.CheckOut(world.at("BRANCH"), "P1", "I1", null, false, false, false));
        assertEquals(Instant.parse("2026-03-09T23:59:59Z"), out.dueAt());
        assertEquals("BRANCH", world.openLoanFor("I1").orElseThrow().library());
        assertEquals("BRANCH", world.storedItem("I1").currentLibrary());
    }

    @Test
    void checkoutIsRefusedForAnUnknownPatron() {
        world.refusedWithoutChange(world.checkout("NOPE", "I1"), RefusalReason.UNKNOWN_PATRON);
        world.refusedWithoutChange(world.checkout("", "I1"), RefusalReason.UNKNOWN_PATRON);
        world.refusedWithoutChange(world.checkout(null, "I1"), RefusalReason.UNKNOWN_PATRON);
    }

    @Test
    void checkoutIsRefusedForAnUnknownItem() {
        world.refusedWithoutChange(world.checkout("P1", "NOPE"), RefusalReason.UNKNOWN_ITEM);
    }

    @Test
    void checkoutIsRefusedWhenPatronIsBlocked() {
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", "Lost books", false));
        Outcome.Refused<Views.CheckedOut> r = world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.PATRON_BLOCKED);
        assertEquals("Lost books", r.message());
    }

    @Test
    void checkoutIgnoresBlocksThatExpiredOrDoNotBlockBorrowing() {
        world.circ.store().runNow(tx -> {
            long id = tx.patrons().byBarcode("P1").orElseThrow().id();
            tx.patrons().addBlock(new PatronBlock(0, id, "MANUAL", true, true, true, "old", World.START.minusSeconds(7200),
                    World.START.minusSeconds(3600)));
            tx.patrons().addBlock(new PatronBlock(0, id, "MANUAL", false, true, false, "renewals only", World.START, null));
            return null;
        });
        world.ok(world.checkout("P1", "I1"));
    }

    @Test
    void checkoutIsRefusedWhenTheCardIsLost() {
        world.patron("LOST", LocalDate.of(2099, 1, 1), true);
        world.refusedWithoutChange(world.checkout("LOST", "I1"), RefusalReason.CARD_LOST);
    }

    @Test
    void checkoutIsRefusedWhenTheCardHasExpired() {
        world.patron("OLD", LocalDate.of(2026, 3, 1), false);
        world.refusedWithoutChange(world.checkout("OLD", "I1"), RefusalReason.PATRON_EXPIRED);
        world.patron("TODAY", LocalDate.of(2026, 3, 2), false);
        world.ok(world.checkout("TODAY", "I1"));
    }

    @Test
    void checkoutIsRefusedWhenTheLoanLimitIsReached() {
        world.rule(rule().maxLoans(2).build());
        world.item("I3", bib);
        world.ok(world.checkout("P1", "I1"));
        world.ok(world.checkout("P1", "I2"));
        Outcome.Refused<Views.CheckedOut> r = world.refusedWithoutChange(world.checkout("P1", "I3"), RefusalReason.TOO_MANY_LOANS);
        assertTrue(r.message().contains("2"), r.message());
    }

    @Test
    void checkoutIsRefusedWithTooManyOverdueItems() {
        try (World w = new World(new EngineSettings(Currency.getInstance("USD"), BigDecimal.ZERO, 2, null))) {
            w.patron("P1");
            BibRecord b = w.bib("b1");
            w.item("A", b);
            w.item("B", b);
            w.item("C", b);
            w.ok(w.checkout("P1", "A"));
            w.ok(w.checkout("P1", "B"));
            w.advanceDays(20);
            Outcome.Refused<Views.CheckedOut> r = w.refusedWithoutChange(w.checkout("P1", "C"), RefusalReason.PATRON_BLOCKED);
            assertTrue(r.message().contains("overdue"), r.message());
        }
    }

    @Test
    void checkoutIsRefusedWithExcessiveFines() {
        world.ok(world.assess("P1", "9.99"));
        world.ok(world.checkout("P1", "I1"));
        world.ok(world.assess("P1", "0.01"));
        world.refusedWithoutChange(world.checkout("P1", "I2"), RefusalReason.EXCESSIVE_FINES);
    }

    @Test
    void checkoutIsRefusedWhenTheRuleSaysTheItemTypeDoesNotCirculate() {
        world.rule(rule().scope(null, null, "REF").loan(0, PeriodUnit.DAYS).build());
        world.item("R1", bib, "REF", "MAIN");
        Outcome.Refused<Views.CheckedOut> r = world.refusedWithoutChange(world.checkout("P1", "R1"), RefusalReason.ITEM_NOT_CIRCULATING);
        Views.ItemInfo item = assertInstanceOf(Views.ItemInfo.class, r.context());
        assertEquals("R1", item.barcode());
    }

    @ParameterizedTest
    @EnumSource(value = ItemStatus.class, names = {"LOST", "MISSING", "WITHDRAWN", "DAMAGED", "IN_PROCESS"})
    void checkoutIsRefusedWhenTheItemIsNotAvailable(ItemStatus status) {
        world.ok(new Commands.UpdateItem(world.ctx(), "I1", status, null, null));
        Outcome.Refused<Views.CheckedOut> r = world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.ITEM_NOT_AVAILABLE);
        assertEquals(status, assertInstanceOf(Views.ItemInfo.class, r.context()).status());
    }

    @Test
    void checkoutIsRefusedWhenTheItemIsCheckedOutToAnotherPatron() {
        world.ok(world.checkout("P2", "I1"));
        world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.ITEM_CHECKED_OUT_TO_OTHER);
    }

    @Test
    void checkoutIsRefusedWhenAnotherPatronWaitsForTheTitle() {
        world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.ITEM_ON_HOLD_FOR_OTHER);
    }

    @Test
    void checkoutIsRefusedWhenTheItemIsTrappedForAnotherPatron() {
        world.ok(world.checkout("P3", "I1"));
        Views.HoldPlaced hold = world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        assertEquals(HoldStatus.READY, world.hold(hold.holdId()).status());
        world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.ITEM_ON_HOLD_FOR_OTHER);
    }

    @Test
    void checkoutOfAnItemTrappedForAnotherIsRefusedEvenIfThePatronAlsoHoldsTheTitle() {
        world.ok(world.checkout("P3", "I1"));
        world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.ITEM_ON_HOLD_FOR_OTHER);
    }

    @Test
    void checkoutOfAnItemTrappedForAnotherIsRefusedEvenIfThePatronsHoldWasBackdatedAheadInTheQueue() {
        world.ok(world.checkout("P3", "I1"));
        world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        // An offline hold request recorded with an earlier time sorts ahead of the trapped hold.
        world.ok(new Commands.PlaceHold(world.ctx().withOccurredAt(World.START.minusSeconds(86_400)), "P1", null, "b1", "MAIN", null));
        world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.ITEM_ON_HOLD_FOR_OTHER);
    }

    @Test
    void checkoutToTheHoldingPatronFillsTheirTrappedHold() {
        world.ok(world.checkout("P3", "I1"));
        Views.HoldPlaced hold = world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        Views.CheckedOut out = world.ok(world.checkout("P2", "I1"));
        assertFalse(out.renewal());
        assertEquals(HoldStatus.FILLED, world.hold(hold.holdId()).status());
        assertTrue(world.info("P2").holds().isEmpty());
        assertEquals(ItemStatus.CHECKED_OUT, world.storedItem("I1").status());
    }

    @Test
    void checkoutToTheHoldingPatronFillsTheirWaitingHoldFromTheShelf() {
        Views.HoldPlaced hold = world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.ok(world.checkout("P2", "I2"));
        assertEquals(HoldStatus.FILLED, world.hold(hold.holdId()).status());
        world.ok(world.checkout("P1", "I1"));
    }

    @Test
    void checkingOutAgainToTheSamePatronRenews() {
        world.ok(world.checkout("P1", "I1"));
        world.advanceDays(5);
        Views.CheckedOut again = world.ok(world.checkout("P1", "I1"));
        assertTrue(again.renewal());
        assertEquals(1, again.renewals());
        assertEquals(Instant.parse("2026-03-21T23:59:59Z"), again.dueAt());
        assertEquals(1, world.allLoans().size());
        assertEquals(1, world.openLoanFor("I1").orElseThrow().renewals());
    }

    @Test
    void offlineCheckoutIsAcceptedDespiteBlocksAndRecordsWhenItHappened() {
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", "blocked", false));
        world.ok(new Commands.UpdateItem(world.ctx(), "I1", ItemStatus.MISSING, null, null));
        Instant occurred = World.START.minus(Duration.ofHours(3));
        RequestContext offline = world.ctx().withOccurredAt(occurred);
        Views.CheckedOut out = world.ok(new Commands.CheckOut(offline, "P1", "I1", null, false, true, false));
        assertTrue(out.offline());
        Loan loan = world.openLoanFor("I1").orElseThrow();
        assertEquals(occurred, loan.issuedAt());
        assertEquals(Instant.parse("2026-03-16T23:59:59Z"), loan.dueAt());
        assertEquals(ItemStatus.CHECKED_OUT, world.storedItem("I1").status());
    }

    @Test
    void offlineCheckoutOfAnItemOnLoanToAnotherPatronReturnsTheEarlierLoanFirst() {
        world.ok(world.checkout("P2", "I1"));
        world.advanceDays(20);
        Instant occurred = World.START.plus(Duration.ofDays(2));
        Views.CheckedOut out = world.ok(new Commands.CheckOut(world.ctx().withOccurredAt(occurred), "P1", "I1", null, false, true, false));
        assertTrue(out.offline());
        assertEquals("P1", world.openLoanFor("I1").orElseThrow().patronId() == world.info("P1").patron().id() ? "P1" : "other");
        Loan earlier = world.allLoans().get(0);
        assertEquals(occurred, earlier.returnedAt());
        assertTrue(world.info("P2").loans().isEmpty());
        assertTrue(world.openFees("P2").isEmpty(), "returned as of the offline time, long before it was overdue");
    }

    @Test
    void offlineCheckoutOfAnItemTrappedForAnotherPatronSendsTheirHoldBackToTheQueue() {
        world.ok(world.checkout("P3", "I1"));
        Views.HoldPlaced hold = world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        world.ok(new Commands.CheckOut(world.ctx(), "P1", "I1", null, false, true, false));
        assertEquals(HoldStatus.WAITING, world.hold(hold.holdId()).status());
        assertNull(world.hold(hold.holdId()).trappedItemId());
        assertEquals(1, world.info("P2").holds().get(0).queuePosition());
    }

    @Test
    void checkoutIsRefusedWithoutARequiredPin() {
        world.refusedWithoutChange(new Commands.CheckOut(world.ctx(), "P1", "I1", null, true, false, false), RefusalReason.PIN_REQUIRED);
        world.refusedWithoutChange(new Commands.CheckOut(world.ctx(), "P1", "I1", "", true, false, false), RefusalReason.PIN_REQUIRED);
    }

    @Test
    void checkoutIsRefusedWithAWrongPin() {
        world.refusedWithoutChange(new Commands.CheckOut(world.ctx(), "P1", "I1", "9999", false, false, false), RefusalReason.INVALID_PIN);
        world.ok(new Commands.CheckOut(world.ctx(), "P1", "I1", World.PIN, true, false, false));
    }

    @Test
    void patronsAndItemsOfAnotherInstitutionAreInvisible() {
        world.patron("X1", "ADULT", "OTHER");
        world.item("XI", bib, "BOOK", "OTHER");
        world.refusedWithoutChange(world.checkout("X1", "I1"), RefusalReason.UNKNOWN_PATRON);
        world.refusedWithoutChange(world.checkout("P1", "XI"), RefusalReason.UNKNOWN_ITEM);
        world.refused(world.lookup("X1"), RefusalReason.UNKNOWN_PATRON);
        world.refused(new Commands.LookupItem(world.ctx(), "XI"), RefusalReason.UNKNOWN_ITEM);
        world.refusedWithoutChange(world.checkin("XI"), RefusalReason.UNKNOWN_ITEM);
        RequestContext other = new RequestContext(Channel.SIP2, "kiosk", "kiosk-9", "OTHER", "OTHER", null, null);
        world.ok(new Commands.CheckOut(other, "X1", "XI", null, false, false, false));
        world.refusedWithoutChange(new Commands.CheckOut(other, "X1", "I1", null, false, false, false), RefusalReason.UNKNOWN_ITEM);
    }
}
