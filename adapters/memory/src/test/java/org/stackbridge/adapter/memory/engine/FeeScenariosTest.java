package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;

class FeeScenariosTest {

    private World world;
    private long f1;
    private long f2;
    private long f3;

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        world.item("I1", world.bib("b1"));
        List<Long> fees = world.assessHourly("P1", "1.00", "2.00", "3.00");
        f1 = fees.get(0);
        f2 = fees.get(1);
        f3 = fees.get(2);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static Views.FeeAllocation alloc(long fee, String amount) {
        return new Views.FeeAllocation(fee, new BigDecimal(amount));
    }

    @SuppressWarnings("unchecked")
    private List<FeeCredit> credits() {
        return (List<FeeCredit>) world.snapshot().get("credits");
    }

    @Test
    void assessingAFeeAddsADebitToTheBalance() {
        Views.FeeAssessed a = world.ok(new Commands.AssessFee(world.ctx(), "P1", FeeType.DAMAGE, Money.of("4.50", "USD"), "I1", "torn cover"));
        assertEquals(FeeType.DAMAGE, a.type());
        assertEquals(Money.of("10.50", "USD"), a.balance());
        Views.FeeLine line = world.info("P1").fees().get(3);
        assertEquals(a.feeId(), line.feeId());
        assertEquals("I1", line.itemBarcode());
        assertEquals("torn cover", line.description());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.FEE_ASSESSED && e.detail().contains("DAMAGE")));
    }

    @Test
    void assessingIsRefusedForBadInput() {
        world.refusedWithoutChange(new Commands.AssessFee(world.ctx(), "P1", null, Money.of("1.00", "USD"), null, null),
                RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(new Commands.AssessFee(world.ctx(), "P1", FeeType.MANUAL, Money.of("0", "USD"), null, null),
                RefusalReason.INVALID_AMOUNT);
        world.refusedWithoutChange(new Commands.AssessFee(world.ctx(), "P1", FeeType.MANUAL, Money.of("1", "EUR"), null, null),
                RefusalReason.CURRENCY_MISMATCH);
        world.refusedWithoutChange(new Commands.AssessFee(world.ctx(), "P1", FeeType.MANUAL, Money.of("1", "USD"), "NOPE", null),
                RefusalReason.UNKNOWN_ITEM);
        world.refusedWithoutChange(new Commands.AssessFee(world.ctx(), "NOPE", FeeType.MANUAL, Money.of("1", "USD"), null, null),
                RefusalReason.UNKNOWN_PATRON);
    }

    @Test
    void paymentAgainstANamedFeeGoesToThatFeeOnly() {
        Views.FeePaid paid = world.ok(world.pay("P1", "1.00", f2, null));
        assertEquals(List.of(alloc(f2, "1.00")), paid.allocations());
        assertEquals(Money.of("5.00", "USD"), paid.balance());
        assertFalse(paid.replay());
        assertEquals(Money.of("1.00", "USD"), world.info("P1").fees().get(1).remaining());
    }

    @Test
    void paymentAgainstANamedFeeCannotExceedThatFee() {
        world.refusedWithoutChange(world.pay("P1", "2.01", f2, null), RefusalReason.OVERPAYMENT);
    }

    @Test
    void paymentWithoutAFeeIsAllocatedOldestFirst() {
        Views.FeePaid paid = world.ok(world.pay("P1", "2.50", null, null));
        assertEquals(List.of(alloc(f1, "1.00"), alloc(f2, "1.50")), paid.allocations());
        assertEquals(Money.of("3.50", "USD"), paid.balance());
        List<Views.FeeLine> open = world.info("P1").fees();
        assertEquals(2, open.size());
        assertEquals(f2, open.get(0).feeId());
        assertEquals(Money.of("0.50", "USD"), open.get(0).remaining());
        FeeCredit credit = credits().get(0);
        assertEquals(CreditType.PAYMENT, credit.type());
        assertEquals("cash", credit.method());
        assertEquals(Money.of("2.50", "USD"), credit.amount());
    }

    @Test
    void payingEverythingClearsTheBalance() {
        Views.FeePaid paid = world.ok(world.pay("P1", "6.00", null, null));
        assertEquals(3, paid.allocations().size());
        assertTrue(paid.balance().isZero());
        assertTrue(world.info("P1").fees().isEmpty());
        world.refusedWithoutChange(world.pay("P1", "0.01", null, null), RefusalReason.NOTHING_OWED);
    }

    @Test
    void overpaymentIsRefused() {
        world.refusedWithoutChange(world.pay("P1", "6.01", null, null), RefusalReason.OVERPAYMENT);
        world.refusedWithoutChange(world.pay("P2", "1.00", null, null), RefusalReason.NOTHING_OWED);
    }

    @Test
    void aRepeatedTransactionIdReplaysWithoutPayingTwice() {
        Views.FeePaid first = world.ok(world.pay("P1", "1.50", null, "BK-1"));
        Views.FeePaid again = world.ok(world.pay("P1", "1.50", null, "BK-1"));
        assertFalse(first.replay());
        assertTrue(again.replay());
        assertEquals(first.creditId(), again.creditId());
        assertEquals(first.allocations(), again.allocations());
        assertEquals(Money.of("4.50", "USD"), again.balance());
        assertEquals(1, credits().size());
        assertEquals(1, world.events().stream().filter(e -> e.type() == EventType.FEE_PAID).count());
    }

    @Test
    void aTransactionIdReusedForADifferentPaymentIsRefused() {
        world.ok(world.pay("P1", "1.50", null, "BK-1"));
        world.ok(world.assess("P2", "5.00"));
        world.refusedWithoutChange(world.pay("P1", "2.00", null, "BK-1"), RefusalReason.DUPLICATE);
        world.refusedWithoutChange(world.pay("P2", "1.50", null, "BK-1"), RefusalReason.DUPLICATE);
    }

    @Test
    void transactionIdsAreScopedByChannel() {
        world.ok(world.pay("P1", "1.00", null, "T-7"));
        RequestContext ncip = new RequestContext(Channel.NCIP, "partner", null, "MAIN", "MAIN", null, null);
        Views.FeePaid other = world.ok(new Commands.PayFee(ncip, "P1", Money.of("1.00", "USD"), null, "T-7", "transfer"));
        assertFalse(other.replay());
        assertEquals(Money.of("4.00", "USD"), other.balance());
    }

    @Test
    void paymentInAnotherCurrencyIsRefused() {
        world.refusedWithoutChange(new Commands.PayFee(world.ctx(), "P1", Money.of("1.00", "EUR"), null, null, "cash"),
                RefusalReason.CURRENCY_MISMATCH);
    }

    @Test
    void paymentMustBePositive() {
        world.refusedWithoutChange(world.pay("P1", "0.00", null, null), RefusalReason.INVALID_AMOUNT);
        world.refusedWithoutChange(world.pay("P1", "-1.00", null, null), RefusalReason.INVALID_AMOUNT);
        world.refusedWithoutChange(new Commands.PayFee(world.ctx(), "P1", null, null, null, "cash"), RefusalReason.INVALID_AMOUNT);
    }

    @Test
    void absurdAmountsAreRefused() {
        world.refusedWithoutChange(world.assess("P1", "1000000000.00"), RefusalReason.INVALID_AMOUNT);
        world.refusedWithoutChange(world.pay("P1", "1E+30", null, null), RefusalReason.INVALID_AMOUNT);
        world.ok(world.assess("P1", "999999999.99"));
    }

    @Test
    void paymentAgainstAFeeThatIsNotTheirsOrIsPaidIsRefused() {
        long theirs = world.ok(world.assess("P2", "1.00")).feeId();
        world.refusedWithoutChange(world.pay("P1", "1.00", theirs, null), RefusalReason.UNKNOWN_FEE);
        world.refusedWithoutChange(world.pay("P1", "1.00", 999L, null), RefusalReason.UNKNOWN_FEE);
        world.ok(world.pay("P1", "1.00", f1, null));
        world.refusedWithoutChange(world.pay("P1", "1.00", f1, null), RefusalReason.UNKNOWN_FEE);
        world.refusedWithoutChange(world.pay("NOPE", "1.00", f1, null), RefusalReason.UNKNOWN_PATRON);
    }

    @Test
    void waivingCreditsOneFee() {
        Views.FeePaid w = world.ok(new Commands.WaiveFee(world.ctx(), "P1", f3, Money.of("3.00", "USD"), null, "goodwill"));
        assertEquals(List.of(alloc(f3, "3.00")), w.allocations());
        assertEquals(Money.of("3.00", "USD"), w.balance());
        assertEquals(CreditType.WAIVER, credits().get(0).type());
        Views.FeePaid partial = world.ok(new Commands.WaiveFee(world.ctx(), "P1", f2, Money.of("0.50", "USD"), CreditType.CANCELLATION, "error"));
        assertEquals(Money.of("2.50", "USD"), partial.balance());
        assertEquals(CreditType.CANCELLATION, credits().get(1).type());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.FEE_WAIVED));
    }

    @Test
    void waivingIsRefusedForTooMuchOrAnUnknownFee() {
        world.refusedWithoutChange(new Commands.WaiveFee(world.ctx(), "P1", f1, Money.of("1.01", "USD"), null, null), RefusalReason.OVERPAYMENT);
        world.refusedWithoutChange(new Commands.WaiveFee(world.ctx(), "P2", f1, Money.of("1.00", "USD"), null, null), RefusalReason.UNKNOWN_FEE);
        world.refusedWithoutChange(new Commands.WaiveFee(world.ctx(), "P1", f1, Money.of("1.00", "EUR"), null, null), RefusalReason.CURRENCY_MISMATCH);
    }
}
