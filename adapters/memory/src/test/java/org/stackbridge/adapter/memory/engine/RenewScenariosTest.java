package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;

class RenewScenariosTest {

    private World world;

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        BibRecord b1 = world.bib("b1");
        BibRecord b2 = world.bib("b2");
        world.item("I1", b1);
        world.item("I2", b1);
        world.item("I3", b2);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void renewalExtendsTheLoanByTheRenewalPeriodFromNow() {
        world.rule(rule().renewals(2, 7).build());
        world.ok(world.checkout("P1", "I1"));
        world.advanceDays(10);
        Views.Renewed r = world.ok(world.renew("P1", "I1"));
        assertEquals(Instant.parse("2026-03-19T23:59:59Z"), r.dueAt());
        assertEquals(1, r.renewals());
        assertEquals(Instant.parse("2026-03-19T23:59:59Z"), world.openLoanFor("I1").orElseThrow().dueAt());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.RENEW));
    }

    @Test
    void renewalNeverShortensTheLoan() {
        world.rule(rule().renewals(2, 7).build());
        world.ok(world.checkout("P1", "I1"));
        Views.Renewed r = world.ok(world.renew("P1", "I1"));
        assertEquals(Instant.parse("2026-03-16T23:59:59Z"), r.dueAt());
    }

    @Test
    void renewalIsRefusedOnceTheLimitIsReached() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(world.renew("P1", "I1"));
        world.ok(world.renew("P1", "I1"));
        world.refusedWithoutChange(world.renew("P1", "I1"), RefusalReason.RENEWAL_LIMIT);
        // checking it out again is a renewal too, with the same limit
        world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.RENEWAL_LIMIT);
    }

    @Test
    void renewalIsRefusedWhenAnotherPatronHoldsTheTitle() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(world.titleHold("P2", "b1", "MAIN"));
        world.refusedWithoutChange(world.renew("P1", "I1"), RefusalReason.RENEWAL_BLOCKED_BY_HOLD);
    }

    @Test
    void renewalIsAllowedWhenTheOtherPatronsHoldHasExpired() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(new Commands.PlaceHold(world.ctx(), "P2", null, "b1", "MAIN", LocalDate.of(2026, 3, 4)));
        world.advanceDays(5);
        world.ok(world.renew("P1", "I1"));
    }

    @Test
    void renewalOfAnOverdueLoanChargesTheFineSoFar() {
        world.ok(world.checkout("P1", "I1"));
        world.clock.set(Instant.parse("2026-03-21T10:00:00Z"));
        Views.Renewed r = world.ok(world.renew("P1", "I1"));
        assertEquals(Instant.parse("2026-04-04T23:59:59Z"), r.dueAt());
        List<Fee> fees = world.openFees("P1");
        assertEquals(1, fees.size());
        assertEquals(FeeType.OVERDUE, fees.get(0).type());
        assertEquals(Money.of("1.25", "USD"), fees.get(0).amount());
        // returning at once adds nothing: the new due date is in the future
        assertEquals(Money.of("0", "USD"), world.ok(world.checkin("I1")).fine());
        assertEquals(1, world.openFees("P1").size());
    }

    @Test
    void renewalIsRefusedWhenRenewalsAreBlocked() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", "see the desk", false));
        world.refusedWithoutChange(world.renew("P1", "I1"), RefusalReason.PATRON_BLOCKED);
    }

    @Test
    void aBorrowOnlyBlockDoesNotStopRenewals() {
        world.ok(world.checkout("P1", "I1"));
        world.circ.store().runNow(tx -> tx.patrons().addBlock(new PatronBlock(0, tx.patrons().byBarcode("P1").orElseThrow().id(),
                "MANUAL", true, false, false, "no new loans", World.START, null)));
        world.ok(world.renew("P1", "I1"));
    }

    @Test
    void renewalIsRefusedWhenTheCardHasExpired() {
        world.patron("OLD", LocalDate.of(2026, 3, 10), false);
        world.ok(world.checkout("OLD", "I1"));
        world.advanceDays(9);
        world.refusedWithoutChange(world.renew("OLD", "I1"), RefusalReason.PATRON_EXPIRED);
    }

    @Test
    void renewalIsRefusedForAnItemNotOnLoanToThePatron() {
        world.ok(world.checkout("P2", "I1"));
        world.refusedWithoutChange(world.renew("P1", "I1"), RefusalReason.ITEM_NOT_CHECKED_OUT);
        world.refusedWithoutChange(world.renew("P1", "I2"), RefusalReason.ITEM_NOT_CHECKED_OUT);
        world.refusedWithoutChange(world.renew("P1", "NOPE"), RefusalReason.UNKNOWN_ITEM);
        world.refusedWithoutChange(world.renew("NOPE", "I1"), RefusalReason.UNKNOWN_PATRON);
    }

    @Test
    void renewalIsRefusedWithAWrongPin() {
        world.ok(world.checkout("P1", "I1"));
        world.refusedWithoutChange(new Commands.Renew(world.ctx(), "P1", "I1", "0000"), RefusalReason.INVALID_PIN);
        world.ok(new Commands.Renew(world.ctx(), "P1", "I1", World.PIN));
    }

    @Test
    void renewAllRenewsWhatItCanAndSaysWhyNotForTheRest() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(world.checkout("P1", "I3"));
        world.ok(world.titleHold("P2", "b2", "MAIN"));
        world.advanceDays(3);
        Views.RenewedAll all = world.ok(new Commands.RenewAll(world.ctx(), "P1", null));
        assertEquals(1, all.renewed().size());
        assertEquals("I1", all.renewed().get(0).item().barcode());
        assertEquals(Instant.parse("2026-03-19T23:59:59Z"), all.renewed().get(0).dueAt());
        assertEquals(1, all.refused().size());
        assertEquals("I3", all.refused().get(0).itemBarcode());
        assertEquals(RefusalReason.RENEWAL_BLOCKED_BY_HOLD, all.refused().get(0).reason());
    }

    @Test
    void renewAllWhenBlockedRenewsNothing() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(world.checkout("P1", "I3"));
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", null, false));
        List<Loan> before = world.openLoans("P1");
        Views.RenewedAll all = world.ok(new Commands.RenewAll(world.ctx(), "P1", null));
        assertTrue(all.renewed().isEmpty());
        assertEquals(2, all.refused().size());
        assertTrue(all.refused().stream().allMatch(f -> f.reason() == RefusalReason.PATRON_BLOCKED));
        assertEquals(before, world.openLoans("P1"));
    }

    @Test
    void renewAllWithNothingOnLoanSucceedsEmpty() {
        Views.RenewedAll all = world.ok(new Commands.RenewAll(world.ctx(), "P1", null));
        assertTrue(all.renewed().isEmpty() && all.refused().isEmpty());
    }

    @Test
    void renewAllIsRefusedWithAWrongPinOrUnknownPatron() {
        world.ok(world.checkout("P1", "I1"));
        world.refusedWithoutChange(new Commands.RenewAll(world.ctx(), "P1", "0000"), RefusalReason.INVALID_PIN);
        world.refusedWithoutChange(new Commands.RenewAll(world.ctx(), "NOPE", null), RefusalReason.UNKNOWN_PATRON);
    }
}
