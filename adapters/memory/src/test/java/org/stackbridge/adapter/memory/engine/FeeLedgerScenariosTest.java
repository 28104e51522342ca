package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.DisputeOutcome;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PaymentType;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;

/** The desk's fee ledger: fee lists, payments and receipts, waivers, refunds, disputes and the cashier summary. */
class FeeLedgerScenariosTest {

    private World world;
    private long f1;
    private long f2;
    private long f3;

    private static RequestContext staff(String login) {
        return new RequestContext(Channel.API, login, "staff-api", "MAIN", "MAIN", null, null);
    }

    private final RequestContext tim = staff("tim");

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        world.patron("N1", "ADULT", "OTHER");
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

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private Commands.TakePayment pay(String patron, String amount, PaymentType type, List<Long> fees) {
        return new Commands.TakePayment(tim, patron, usd(amount), type, fees, null);
    }

    private List<CirculationEvent> events(EventType type) {
        return world.events().stream().filter(e -> e.type() == type).toList();
    }

    // ------------------------------------------------------------ payments and receipts

    @Test
    void aPaymentGoesOldestFirstAndAnswersAReceiptWithTheBalanceLeft() {
        Views.Receipt r = world.ok(new Commands.TakePayment(tim, "P1", usd("2.50"), PaymentType.CARD, List.of(), "at the desk"));
        assertEquals(List.of(f1, f2), r.lines().stream().map(Views.ReceiptLine::feeId).toList());
        assertEquals(List.of(usd("1.00"), usd("1.50")), r.lines().stream().map(Views.ReceiptLine::paid).toList());
        assertEquals(usd("3.50"), r.remainingBalance());
        assertEquals("card", r.paymentType());
        assertEquals("tim", r.staff());
        assertEquals("MAIN", r.library());
        assertEquals("P1", r.patronBarcode());
        assertEquals(String.format("R%08d", r.paymentId()), r.receiptNumber());

        world.ok(pay("P1", "3.50", PaymentType.CASH, List.of()));
        Views.Receipt again = world.ok(new Commands.LookupReceipt(tim, r.paymentId()));
        assertEquals(r, again, "a reprint shows the balance left right after that payment");
        CirculationEvent paid = events(EventType.FEE_PAID).get(0);
        assertEquals("tim", paid.actor());
        assertTrue(paid.detail().contains("balance=6.00->3.50") && paid.detail().contains("note=at the desk"), paid.detail());
    }

    @Test
    void aPaymentOnNamedFeesPaysThemInTheOrderGiven() {
        Views.Receipt r = world.ok(pay("P1", "4.00", PaymentType.CASH, List.of(f3, f1)));
        assertEquals(List.of(f3, f1), r.lines().stream().map(Views.ReceiptLine::feeId).toList());
        assertEquals(usd("2.00"), r.remainingBalance());
    }

    @Test
    void overpaymentIsRefusedSayingTheBalance() {
        Outcome.Refused<Views.Receipt> r = world.refusedWithoutChange(pay("P1", "6.01", PaymentType.CASH, List.of()), RefusalReason.OVERPAYMENT);
        assertTrue(r.message().contains("6.00"), r.message());
        Outcome.Refused<Views.Receipt> named = world.refusedWithoutChange(pay("P1", "2.01", PaymentType.CASH, List.of(f2)), RefusalReason.OVERPAYMENT);
        assertTrue(named.message().contains("2.00"), named.message());
        world.refusedWithoutChange(pay("P1", "1.00", PaymentType.CASH, List.of(999L)), RefusalReason.UNKNOWN_FEE);
        world.refusedWithoutChange(pay("P2", "1.00", PaymentType.CASH, List.of(f1)), RefusalReason.UNKNOWN_FEE);
        world.refusedWithoutChange(pay("P2", "1.00", PaymentType.CASH, List.of()), RefusalReason.NOTHING_OWED);
        world.refusedWithoutChange(pay("P1", "1.00", null, List.of()), RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(pay("N1", "1.00", PaymentType.CASH, List.of()), RefusalReason.UNKNOWN_PATRON);
    }

    @Test
    void aRetriedPaymentWithTheSameRequestKeyPaysOnce() {
        Commands.TakePayment keyed = new Commands.TakePayment(tim.withRequestKey("pay-1"), "P1", usd("1.00"), PaymentType.CASH, List.of(), null);
        Views.Receipt first = world.ok(keyed);
        Views.Receipt retry = world.ok(keyed);
        assertEquals(first, retry);
        assertEquals(usd("5.00"), world.info("P1").balance());
        assertEquals(1, events(EventType.FEE_PAID).size());
    }

    @Test
    void aReceiptIsFoundOnlyInTheCallersInstitution() {
        long id = world.ok(pay("P1", "1.00", PaymentType.CASH, List.of())).paymentId();
        RequestContext other = new RequestContext(Channel.API, "olga", "staff-api", "OTHER", "OTHER", null, null);
        world.refused(new Commands.LookupReceipt(other, id), RefusalReason.UNKNOWN_FEE);
        world.refused(new Commands.LookupReceipt(tim, id + 100), RefusalReason.UNKNOWN_FEE);
        long waiver = world.ok(new Commands.WaiveFeeById(tim, f2, null, "goodwill")).creditId();
        world.refused(new Commands.LookupReceipt(tim, waiver), RefusalReason.UNKNOWN_FEE);
    }

    // ------------------------------------------------------------ the fee list

    @Test
    void theFeeListShowsOpenFeesOrAllWithWhatWasPaidWaivedAndRefunded() {
        world.ok(pay("P1", "1.00", PaymentType.CASH, List.of(f1)));
        world.ok(new Commands.WaiveFeeById(tim, f2, usd("0.50"), "late bus"));
        world.ok(new Commands.RefundFee(tim, f1, usd("0.25"), "double charge"));

        Views.FeeList open = world.ok(new Commands.ListFees(tim, "P1", false, 1, 20));
        assertEquals(List.of(f2, f3), open.fees().stream().map(Views.FeeDetail::feeId).toList());
        assertEquals(usd("4.50"), open.balance());
        Views.FeeDetail second = open.fees().get(0);
        assertEquals(usd("1.50"), second.outstanding());
        assertEquals(usd("0.50"), second.waived());
        assertEquals("open", second.status());

        Views.FeeList all = world.ok(new Commands.ListFees(tim, "P1", true, 1, 20));
        assertEquals(3, all.total());
        Views.FeeDetail first = all.fees().get(0);
        assertEquals("closed", first.status());
        assertEquals(usd("1.00"), first.paid());
        assertEquals(usd("0.25"), first.refunded());
        assertEquals(usd("0.00"), first.outstanding(), "a refund gives money back without making the fee owed again");

        Views.FeeList page2 = world.ok(new Commands.ListFees(tim, "P1", true, 2, 2));
        assertEquals(List.of(f3), page2.fees().stream().map(Views.FeeDetail::feeId).toList());
        assertEquals(3, page2.total());
        world.refused(new Commands.ListFees(tim, "NOPE", false, 1, 20), RefusalReason.UNKNOWN_PATRON);
    }

    // ------------------------------------------------------------ waivers and refunds

    @Test
    void aWaiverNeedsAReasonAndCannotExceedWhatIsOwed() {
        world.refusedWithoutChange(new Commands.WaiveFeeById(tim, f2, null, " "), RefusalReason.INVALID_REQUEST);
        Outcome.Refused<Views.FeeCredited> over = world.refusedWithoutChange(new Commands.WaiveFeeById(tim, f2, usd("2.01"), "x"),
                RefusalReason.OVERPAYMENT);
        assertTrue(over.message().contains("2.00"), over.message());
        world.refusedWithoutChange(new Commands.WaiveFeeById(tim, 999, null, "x"), RefusalReason.UNKNOWN_FEE);

        Views.FeeCredited all = world.ok(new Commands.WaiveFeeById(tim, f2, null, "first offence"));
        assertEquals(usd("2.00"), all.amount());
        assertEquals(CreditType.WAIVER, all.type());
        assertTrue(all.feeOutstanding().isZero());
        assertEquals(usd("4.00"), all.balance());
        world.refusedWithoutChange(new Commands.WaiveFeeById(tim, f2, null, "again"), RefusalReason.NOTHING_OWED);
        CirculationEvent e = events(EventType.FEE_WAIVED).get(0);
        assertEquals("tim", e.actor());
        assertTrue(e.detail().contains("outstanding=2.00->0.00") && e.detail().contains("reason=first offence"), e.detail());
    }

    @Test
    void aRefundCannotExceedWhatWasPaidOnTheFee() {
        world.refusedWithoutChange(new Commands.RefundFee(tim, f1, usd("0.01"), "nothing paid"), RefusalReason.OVERPAYMENT);
        world.ok(pay("P1", "1.50", PaymentType.CASH, List.of()));
        Outcome.Refused<Views.FeeCredited> over = world.refusedWithoutChange(new Commands.RefundFee(tim, f2, usd("0.51"), "x"),
                RefusalReason.OVERPAYMENT);
        assertTrue(over.message().contains("0.50"), over.message());
        Views.FeeCredited r = world.ok(new Commands.RefundFee(tim, f1, usd("0.60"), "found the book"));
        assertEquals(CreditType.REFUND, r.type());
        world.refusedWithoutChange(new Commands.RefundFee(tim, f1, usd("0.41"), "more"), RefusalReason.OVERPAYMENT);
        world.ok(new Commands.RefundFee(tim, f1, usd("0.40"), "the rest"));
        assertEquals(usd("4.50"), world.info("P1").balance(), "refunds do not change what is owed");
        assertEquals(2, events(EventType.FEE_REFUNDED).size());
    }

    // ------------------------------------------------------------ disputes

    @Test
    void aDisputedFeeDoesNotBlockUntilTheDisputeIsRejected() {
        long big = world.ok(world.assess("P2", "15.00")).feeId();
        world.refusedWithoutChange(world.checkout("P2", "I1"), RefusalReason.EXCESSIVE_FINES);
        assertTrue(world.info("P2").flags().contains(PatronFlag.EXCESSIVE_OUTSTANDING_FEES));

        Views.DisputeView opened = world.ok(new Commands.OpenFeeDispute(tim, big, "never borrowed it"));
        assertEquals("open", opened.state());
        Views.PatronInfo info = world.info("P2");
        assertFalse(info.flags().contains(PatronFlag.EXCESSIVE_OUTSTANDING_FEES), info.flags().toString());
        assertFalse(info.flags().contains(PatronFlag.CHARGE_PRIVILEGES_DENIED), info.flags().toString());
        assertEquals(usd("15.00"), info.balance(), "the disputed fee is still owed, it only does not block");
        world.ok(world.checkout("P2", "I1"));
        world.refusedWithoutChange(new Commands.OpenFeeDispute(tim, big, "again"), RefusalReason.DUPLICATE);

        Views.DisputeView rejected = world.ok(new Commands.ResolveFeeDispute(tim, big, opened.disputeId(), DisputeOutcome.REJECTED, "records show the loan"));
        assertEquals("rejected", rejected.state());
        assertEquals(usd("15.00"), rejected.feeOutstanding());
        assertTrue(world.info("P2").flags().contains(PatronFlag.CHARGE_PRIVILEGES_DENIED));
        world.refusedWithoutChange(new Commands.ResolveFeeDispute(tim, big, opened.disputeId(), DisputeOutcome.UPHELD, "changed mind"),
                RefusalReason.INVALID_TRANSITION);
        List<CirculationEvent> steps = world.events().stream()
                .filter(e -> e.type() == EventType.FEE_DISPUTED || e.type() == EventType.FEE_DISPUTE_RESOLVED).toList();
        assertEquals(2, steps.size());
        assertTrue(steps.get(0).detail().contains("note=never borrowed it") && "tim".equals(steps.get(0).actor()), steps.get(0).detail());
        assertTrue(steps.get(1).detail().contains("state=open->rejected") && steps.get(1).detail().contains("note=records show the loan"),
                steps.get(1).detail());
    }

    @Test
    void anUpheldDisputeWaivesTheRemainder() {
        world.ok(pay("P1", "0.50", PaymentType.CASH, List.of(f2)));
        long d = world.ok(new Commands.OpenFeeDispute(tim, f2, "returned on time")).disputeId();
        Views.DisputeView upheld = world.ok(new Commands.ResolveFeeDispute(staff("grace"), f2, d, DisputeOutcome.UPHELD, "book drop receipt"));
        assertEquals("upheld", upheld.state());
        assertEquals("grace", upheld.resolvedBy());
        assertTrue(upheld.feeOutstanding().isZero());
        Views.FeeDetail fee = world.ok(new Commands.ListFees(tim, "P1", true, 1, 20)).fees().get(1);
        assertEquals(usd("1.50"), fee.waived());
        assertEquals(usd("0.50"), fee.paid());
        assertFalse(fee.disputed());
        assertEquals("upheld", fee.dispute().state());
        assertTrue(events(EventType.FEE_DISPUTE_RESOLVED).get(0).detail().contains("outstanding=1.50->0.00"));
    }

    @Test
    void disputesAreRefusedForUnknownOrPaidFeesAndWrongDisputeIds() {
        world.ok(pay("P1", "1.00", PaymentType.CASH, List.of(f1)));
        world.refusedWithoutChange(new Commands.OpenFeeDispute(tim, f1, "paid already"), RefusalReason.NOTHING_OWED);
        world.refusedWithoutChange(new Commands.OpenFeeDispute(tim, 999, "x"), RefusalReason.UNKNOWN_FEE);
        long d = world.ok(new Commands.OpenFeeDispute(tim, f2, "x")).disputeId();
        world.refusedWithoutChange(new Commands.ResolveFeeDispute(tim, f3, d, DisputeOutcome.UPHELD, "x"), RefusalReason.UNKNOWN_FEE);
        RequestContext other = new RequestContext(Channel.API, "olga", "staff-api", "OTHER", "OTHER", null, null);
        world.refusedWithoutChange(new Commands.OpenFeeDispute(other, f3, "x"), RefusalReason.UNKNOWN_FEE);
    }

    // ------------------------------------------------------------ the cashier's day

    @Test
    void theCashierSummaryTotalsOneLibrarysLocalDayByTypeAndStaff() {
        world.calendar("MAIN", "MAIN", ZoneId.of("America/Chicago"), Set.of(), Set.of());
        // 2026-03-02T12:00Z is 06:00 in Chicago: the same local day as the start
        world.ok(pay("P1", "1.00", PaymentType.CASH, List.of()));
        world.ok(new Commands.TakePayment(staff("grace"), "P1", usd("0.50"), PaymentType.CARD, List.of(), null));
        world.ok(new Commands.TakePayment(staff("grace"), "P1", usd("0.25"), PaymentType.CARD, List.of(), null));
        world.ok(new Commands.WaiveFeeById(tim, f3, usd("1.00"), "goodwill"));
        world.ok(new Commands.RefundFee(staff("grace"), f1, usd("0.10"), "rounding"));
        world.ok(new Commands.TakePayment(staff("grace").withLibrary("BRANCH"), "P1", usd("0.05"), PaymentType.CASH, List.of(), null));
        world.advance(Duration.ofHours(20)); // 02:00 next local day
        world.ok(pay("P1", "0.10", PaymentType.CASH, List.of()));

        Views.CashierSummary day = world.ok(new Commands.SummariseCashier(tim, "MAIN", LocalDate.of(2026, 3, 2)));
        assertEquals(3, day.payments());
        assertEquals(usd("1.75"), day.paid());
        assertEquals(List.of(new Views.PaymentTotal("card", 2, usd("0.75")), new Views.PaymentTotal("cash", 1, usd("1.00"))), day.byPaymentType());
        assertEquals(usd("1.00"), day.waived());
        assertEquals(usd("0.10"), day.refunded());
        assertEquals(List.of(new Views.StaffTotal("grace", 2, usd("0.75"), usd("0.00"), usd("0.10")),
                new Views.StaffTotal("tim", 1, usd("1.00"), usd("1.00"), usd("0.00"))), day.byStaff());

        Views.CashierSummary next = world.ok(new Commands.SummariseCashier(tim, "MAIN", LocalDate.of(2026, 3, 3)));
        assertEquals(usd("0.10"), next.paid());
        assertEquals(usd("0.05"), world.ok(new Commands.SummariseCashier(tim, "BRANCH", LocalDate.of(2026, 3, 2))).paid());
        world.refused(new Commands.SummariseCashier(tim, "OTHER", LocalDate.of(2026, 3, 2)), RefusalReason.UNKNOWN_LIBRARY);
        world.refused(new Commands.SummariseCashier(tim, "NOPE", LocalDate.of(2026, 3, 2)), RefusalReason.UNKNOWN_LIBRARY);
        assertNull(world.ok(new Commands.SummariseCashier(tim, "BRANCH", LocalDate.of(2026, 3, 3))).byStaff().stream().findFirst().orElse(null));
    }
}
