package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.service.EngineSettings;

class PatronInfoTest {

    private World world;
    private BibRecord b1;

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        b1 = world.bib("b1");
        world.item("I1", b1);
        world.item("I2", b1);
        world.item("I3", world.bib("b2"));
        world.item("I4", world.bib("b3"));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private Commands.AssessFee fee(String patron, FeeType type, String amount) {
        return new Commands.AssessFee(world.ctx(), patron, type, Money.of(amount, "USD"), null, null);
    }

    @Test
    void aPatronInGoodStandingHasNoFlags() {
        Views.PatronInfo info = world.info("P1");
        assertTrue(info.flags().isEmpty());
        assertTrue(info.canBorrow());
        assertEquals(10, info.maxLoans());
        assertEquals(Money.of("10.00", "USD"), info.feeLimit());
        assertEquals(Money.of("0", "USD"), info.balance());
        assertEquals(Views.PinCheck.NOT_CHECKED, info.pin());
        assertEquals("P1", info.patron().barcode());
        assertEquals("MAIN", info.patron().institution());
    }

    @Test
    void thePinIsCheckedWhenGiven() {
        assertEquals(Views.PinCheck.VALID, world.ok(new Commands.LookupPatron(world.ctx(), "P1", World.PIN)).pin());
        assertEquals(Views.PinCheck.INVALID, world.ok(new Commands.LookupPatron(world.ctx(), "P1", "4321")).pin());
        world.refused(new Commands.LookupPatron(world.ctx(), "NOPE", World.PIN), RefusalReason.UNKNOWN_PATRON);
    }

    @Test
    void listsAndCountsCoverLoansOverdueHoldsAndFees() {
        world.ok(world.checkout("P1", "I3"));
        world.rule(rule().scope(null, null, "BOOK").loan(3, PeriodUnit.DAYS).build());
        world.ok(world.checkout("P1", "I4"));
        world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.ok(world.checkin("I1"));
        world.ok(world.checkout("P2", "I2"));
        world.ok(fee("P1", FeeType.LOST, "2.00"));
        world.advance(Duration.ofHours(1));
        world.ok(fee("P1", FeeType.PROCESSING, "1.50"));
        world.advanceDays(5);

        Views.PatronInfo info = world.info("P1");
        assertEquals(List.of("I4", "I3"), info.loans().stream().map(Views.LoanLine::itemBarcode).toList(), "loans by due date");
        assertEquals(1, info.overdueLoans().size());
        assertEquals("I4", info.overdueLoans().get(0).itemBarcode());
        assertEquals("Title b3", info.overdueLoans().get(0).title());
        assertEquals(1, info.holds().size());
        assertEquals(1, info.availableHolds().size());
        assertEquals("I1", info.availableHolds().get(0).itemBarcode());
        assertEquals(HoldStatus.READY, info.availableHolds().get(0).status());
        assertTrue(info.unavailableHolds().isEmpty());
        assertEquals(List.of(FeeType.LOST, FeeType.PROCESSING), info.fees().stream().map(Views.FeeLine::type).toList());
        assertEquals(Money.of("3.50", "USD"), info.balance());

        world.ok(world.titleHold("P2", "b2", "MAIN"));
        Views.PatronInfo waiting = world.info("P2");
        assertEquals(1, waiting.unavailableHolds().size());
        assertEquals(1, waiting.unavailableHolds().get(0).queuePosition());
    }

    @Test
    void aLostCardSetsCardLostAndDeniesCharges() {
        world.patron("LOST", LocalDate.of(2099, 1, 1), true);
        Views.PatronInfo info = world.info("LOST");
        assertEquals(EnumSet.of(PatronFlag.CARD_REPORTED_LOST, PatronFlag.CHARGE_PRIVILEGES_DENIED), info.flags());
        assertFalse(info.canBorrow());
    }

    @Test
    void anExpiredCardDeniesEveryPrivilege() {
        world.patron("OLD", LocalDate.of(2026, 3, 1), false);
        assertEquals(EnumSet.of(PatronFlag.CHARGE_PRIVILEGES_DENIED, PatronFlag.RENEWAL_PRIVILEGES_DENIED,
                PatronFlag.RECALL_PRIVILEGES_DENIED, PatronFlag.HOLD_PRIVILEGES_DENIED), world.info("OLD").flags());
    }

    @Test
    void blockFlagsFollowWhatEachBlockBlocks() {
        world.circ.store().runNow(tx -> tx.patrons().addBlock(new PatronBlock(0, tx.patrons().byBarcode("P1").orElseThrow().id(),
                "MANUAL", false, true, false, "renewals", World.START, null)));
        assertEquals(EnumSet.of(PatronFlag.RENEWAL_PRIVILEGES_DENIED), world.info("P1").flags());
        assertTrue(world.info("P1").canBorrow());
        world.circ.store().runNow(tx -> tx.patrons().addBlock(new PatronBlock(0, tx.patrons().byBarcode("P2").orElseThrow().id(),
                "MANUAL", true, true, true, "expired block", World.START, World.START.plusSeconds(60))));
        assertEquals(4, world.info("P2").flags().size());
        world.advance(Duration.ofMinutes(2));
        assertTrue(world.info("P2").flags().isEmpty(), "an expired block no longer counts");
        assertTrue(world.info("P2").blocks().isEmpty());
    }

    @Test
    void reachingTheLoanLimitSetsTooManyItemsCharged() {
        world.rule(rule().maxLoans(2).build());
        world.ok(world.checkout("P1", "I1"));
        assertFalse(world.info("P1").flags().contains(PatronFlag.TOO_MANY_ITEMS_CHARGED));
        world.ok(world.checkout("P1", "I3"));
        Views.PatronInfo info = world.info("P1");
        assertEquals(Set.of(PatronFlag.TOO_MANY_ITEMS_CHARGED), info.flags());
        assertEquals(2, info.maxLoans());
        assertFalse(info.canBorrow());
    }

    @Test
    void tooManyOverdueItemsDenyCharges() {
        try (World w = new World(new EngineSettings(Currency.getInstance("USD"), new BigDecimal("10.00"), 1, null))) {
            w.patron("P1");
            w.item("I1", w.bib("b1"));
            w.ok(w.checkout("P1", "I1"));
            assertTrue(w.info("P1").flags().isEmpty());
            w.clock.set(Instant.parse("2026-03-17T00:00:00Z"));
            assertEquals(EnumSet.of(PatronFlag.TOO_MANY_ITEMS_OVERDUE, PatronFlag.CHARGE_PRIVILEGES_DENIED), w.info("P1").flags());
        }
    }

    @Test
    void overdueFinesAtTheLimitAreExcessiveFines() {
        world.ok(fee("P1", FeeType.OVERDUE, "4.00"));
        world.ok(fee("P1", FeeType.PROCESSING, "5.99"));
        assertTrue(world.info("P1").flags().isEmpty());
        world.ok(fee("P1", FeeType.PROCESSING, "0.01"));
        assertEquals(EnumSet.of(PatronFlag.EXCESSIVE_OUTSTANDING_FINES, PatronFlag.CHARGE_PRIVILEGES_DENIED), world.info("P1").flags());
    }

    @Test
    void otherChargesAtTheLimitAreExcessiveFees() {
        world.ok(fee("P1", FeeType.LOST, "10.00"));
        assertEquals(EnumSet.of(PatronFlag.EXCESSIVE_OUTSTANDING_FEES, PatronFlag.CHARGE_PRIVILEGES_DENIED), world.info("P1").flags());
    }

    @Test
    void itemInformationShowsLoanAndHoldState() {
        world.ok(world.checkout("P1", "I1"));
        world.ok(world.titleHold("P2", "b1", "MAIN"));
        Views.ItemInfo info = world.itemInfo("I1");
        assertEquals("b1", info.bibControlNumber());
        assertEquals("Title b1", info.title());
        assertEquals("BOOK", info.itemType());
        assertEquals(Instant.parse("2026-03-16T23:59:59Z"), info.dueAt());
        assertEquals("P1", info.borrowerBarcode());
        assertEquals(1, info.holdQueueLength());
        assertEquals(Money.of("25.00", "USD"), info.price());
        assertEquals("MAIN", info.institution());
        assertFalse(info.illTemporary());
    }
}
