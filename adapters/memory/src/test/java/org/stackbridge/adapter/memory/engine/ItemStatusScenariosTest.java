package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.cataloguing.CataloguingEngine;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.policy.ItemStatusSettings;
import org.stackbridge.core.policy.ItemStatusSettings.LostItemReturn;

/** Item status by hand and its consequences: lost billing and refunds, claims returned, damaged, withdrawn, missing. */
class ItemStatusScenariosTest {

    private World world;

    private void start(LostItemReturn onReturn) {
        world = new World();
        CataloguingEngine.registerWith(world.circ.engine(), new ItemStatusSettings(new BigDecimal("30.00"), new BigDecimal("5.00"), onReturn));
        world.patron("P1");
        world.patron("P2");
        var bib = world.bib("b1");
        for (String[] item : new String[][] {{"PRICED", "12.00"}, {"NOPRICE", null}}) {
            world.circ.store().runNow(tx -> tx.items().insert(new Item(0, item[0], bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA1",
                    item[1] == null ? null : new BigDecimal(item[1]), ItemStatus.AVAILABLE, null, null)));
        }
        world.item("I3", bib);
    }

    @BeforeEach
    void setUp() {
        start(LostItemReturn.REFUND_REPLACEMENT);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private CatalogueCommands.ChangeItem status(String item, ItemStatus status) {
        return new CatalogueCommands.ChangeItem(world.ctx(), item, null, status, "shelf check", null, null);
    }

    private Fee fee(List<Fee> fees, FeeType type) {
        return fees.stream().filter(f -> f.type() == type).findFirst().orElseThrow(() -> new AssertionError("no " + type + " fee in " + fees));
    }

    @SuppressWarnings("unchecked")
    private List<FeeCredit> credits() {
        return (List<FeeCredit>) world.snapshot().get("credits");
    }

    @Test
    void lostOnLoanBillsThePriceAndTheProcessingFeeAndMarksTheLoan() {
        world.ok(world.checkout("P1", "PRICED"));
        CatalogueViews.ItemChanged changed = world.ok(status("PRICED", ItemStatus.LOST));
        assertEquals(ItemStatus.CHECKED_OUT, changed.previousStatus());
        assertEquals(ItemStatus.LOST, changed.item().status());
        assertTrue(changed.loanMarkedLost());
        assertEquals("P1", changed.billed().barcode());
        List<Fee> fees = world.openFees("P1");
        assertEquals(new BigDecimal("12.00"), fee(fees, FeeType.LOST).remaining());
        assertEquals(new BigDecimal("5.00"), fee(fees, FeeType.PROCESSING).remaining());
        assertTrue(world.openLoanFor("PRICED").isPresent(), "the loan stays open, marked lost");
        world.refusedWithoutChange(status("PRICED", ItemStatus.LOST), RefusalReason.INVALID_TRANSITION);
    }

    @Test
    void lostWithoutAPriceBillsTheConfiguredReplacementFee() {
        world.ok(world.checkout("P1", "NOPRICE"));
        world.ok(status("NOPRICE", ItemStatus.LOST));
        assertEquals(new BigDecimal("30.00"), fee(world.openFees("P1"), FeeType.LOST).remaining());
    }

    @Test
    void lostOffLoanBillsNobody() {
        CatalogueViews.ItemChanged changed = world.ok(status("I3", ItemStatus.LOST));
        assertEquals(List.of(), changed.fees());
        assertEquals(List.of(), world.openFees("P1"));
        assertEquals(ItemStatus.LOST, world.storedItem("I3").status());
    }

    @Test
    void checkingInALostItemCancelsTheReplacementChargeAndKeepsTheProcessingFee() {
        world.ok(world.checkout("P1", "PRICED"));
        world.advanceDays(30);
        world.ok(status("PRICED", ItemStatus.LOST));
        world.advanceDays(10);
        world.ok(world.checkin("PRICED"));
        List<Fee> open = world.openFees("P1");
        assertTrue(open.stream().noneMatch(f -> f.type() == FeeType.LOST), open.toString());
        assertEquals(new BigDecimal("5.00"), fee(open, FeeType.PROCESSING).remaining());
        assertTrue(credits().stream().anyMatch(c -> c.type() == CreditType.CANCELLATION && c.amount().amount().compareTo(new BigDecimal("12.00")) == 0));
        assertEquals(ItemStatus.AVAILABLE, world.storedItem("PRICED").status());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.FEE_WAIVED && e.detail().contains("lost item returned")));
    }

    @Test
    void refundAllGivesBackBothAndAPaidChargeIsARefundDue() {
        world.close();
        start(LostItemReturn.REFUND_ALL);
        world.ok(world.checkout("P1", "PRICED"));
        world.ok(status("PRICED", ItemStatus.LOST));
        long lostFee = fee(world.openFees("P1"), FeeType.LOST).id();
        world.ok(world.pay("P1", "12.00", lostFee, "T1"));
        world.ok(world.checkin("PRICED"));
        assertEquals(List.of(), world.openFees("P1"));
        assertTrue(credits().stream().anyMatch(c -> c.type() == CreditType.REFUND && c.amount().amount().compareTo(new BigDecimal("12.00")) == 0),
                credits().toString());
    }

    @Test
    void withPolicyNoneACheckinGivesNothingBack() {
        world.close();
        start(LostItemReturn.NONE);
        world.ok(world.checkout("P1", "PRICED"));
        world.ok(status("PRICED", ItemStatus.LOST));
        world.ok(world.checkin("PRICED"));
        assertEquals(new BigDecimal("17.00"), world.info("P1").balance().amount());
    }

    @Test
    void claimsReturnedStopsFinesAtTheClaimAndCountsThePatronsClaims() {
        world.ok(world.checkout("P1", "I3"));
        world.advanceDays(20); // due after 14 days: 6 days late
        CatalogueViews.ClaimedReturned claim = world.ok(new CatalogueCommands.ClaimReturned(world.ctx(), "I3", "says it went in the box"));
        assertEquals(ItemStatus.CLAIMS_RETURNED, claim.item().status());
        assertEquals(1, claim.patronClaims());
        world.refusedWithoutChange(new CatalogueCommands.ClaimReturned(world.ctx(), "I3", null), RefusalReason.DUPLICATE);
        world.advanceDays(40); // without the claim the fine would reach its cap of 5.00
        world.ok(world.checkin("I3"));
        assertEquals(new BigDecimal("1.50"), fee(world.openFees("P1"), FeeType.OVERDUE).remaining());

        world.ok(world.checkout("P1", "NOPRICE"));
        assertEquals(2, world.ok(new CatalogueCommands.ClaimReturned(world.ctx(), "NOPRICE", null)).patronClaims());
    }

    @Test
    void aClaimNeedsALoan() {
        world.refusedWithoutChange(new CatalogueCommands.ClaimReturned(world.ctx(), "I3", null), RefusalReason.ITEM_NOT_CHECKED_OUT);
        world.refusedWithoutChange(new CatalogueCommands.ClaimReturned(world.ctx(), "NOPE", null), RefusalReason.UNKNOWN_ITEM);
    }

    @Test
    void withdrawnAndMissingAreRefusedWhileOnLoan() {
        world.ok(world.checkout("P1", "I3"));
        world.refusedWithoutChange(status("I3", ItemStatus.WITHDRAWN), RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(status("I3", ItemStatus.MISSING), RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(status("I3", ItemStatus.CHECKED_OUT), RefusalReason.INVALID_REQUEST);
        world.ok(world.checkin("I3"));
        assertEquals(ItemStatus.WITHDRAWN, world.ok(status("I3", ItemStatus.WITHDRAWN)).item().status());
    }

    @Test
    void damagedBillsTheRepairFeeToTheLastBorrower() {
        world.refusedWithoutChange(new CatalogueCommands.ChangeItem(world.ctx(), "I3", null, ItemStatus.DAMAGED, "torn", Money.of("4.00", "USD"),
                null), RefusalReason.INVALID_REQUEST);
        world.ok(world.checkout("P2", "I3"));
        world.ok(world.checkin("I3"));
        CatalogueViews.ItemChanged changed = world.ok(new CatalogueCommands.ChangeItem(world.ctx(), "I3", null, ItemStatus.DAMAGED, "torn",
                Money.of("4.00", "USD"), null));
        assertEquals("P2", changed.billed().barcode());
        assertEquals(new BigDecimal("4.00"), fee(world.openFees("P2"), FeeType.DAMAGE).remaining());
        world.refusedWithoutChange(new CatalogueCommands.ChangeItem(world.ctx(), "I3", null, ItemStatus.DAMAGED, null,
                Money.of("4.00", "EUR"), "P1"), RefusalReason.CURRENCY_MISMATCH);
    }

    @Test
    void everyChangeIsLoggedWithTheActorAndBeforeAndAfter() {
        world.ok(new CatalogueCommands.ChangeItem(world.ctx(), "I3", new CatalogueCommands.ItemEdit(null, null, "Reference", null, null),
                ItemStatus.MISSING, null, null, null));
        CirculationEvent e = world.events().stream().filter(x -> x.type() == EventType.ITEM_STATUS_CHANGED).reduce((a, b) -> b).orElseThrow();
        assertEquals(world.ctx().actor(), e.actor());
        assertTrue(e.detail().contains("status: AVAILABLE -> MISSING"), e.detail());
        assertTrue(e.detail().contains("location: Stacks -> Reference") || e.detail().contains("location: null -> Reference"), e.detail());
    }

    @Test
    void checkinWithoutMarksStillFinesTheWholeLateness() {
        world.ok(world.checkout("P1", "I3"));
        world.advance(Duration.ofDays(20));
        world.ok(world.checkin("I3"));
        assertEquals(new BigDecimal("1.50"), fee(world.openFees("P1"), FeeType.OVERDUE).remaining());
    }
}
