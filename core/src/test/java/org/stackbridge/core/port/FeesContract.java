package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;

public interface FeesContract extends StoreFixture {

    static Fee fee(Patron p, String amount, int secondsAfterT0) {
        Money m = Money.of(amount, "USD");
        return new Fee(0, p.id(), FeeType.OVERDUE, m, m.amount(), 7L, 8L, "overdue", T0.plusSeconds(secondsAfterT0));
    }

    static FeeCredit credit(Patron p, String amount, String reference, Channel channel, List<FeeCredit.Allocation> allocations) {
        return new FeeCredit(0, p.id(), CreditType.PAYMENT, Money.of(amount, "USD"), "cash", reference, channel, "term-1", T0, allocations);
    }

    @Test
    default void insertedFeeIsFoundById() {
        Patron p = newPatron("P1");
        Fee f = write(tx -> tx.fees().insert(fee(p, "2.50", 0)));
        assertTrue(f.id() > 0);
        assertEquals(f, read(tx -> tx.fees().byId(f.id())).orElseThrow());
        assertTrue(read(tx -> tx.fees().byId(f.id() + 5)).isEmpty());
    }

    @Test
    default void openForPatronIsOldestFirstAndSkipsSettledFees() {
        Patron p = newPatron("P1");
        Patron other = newPatron("P2");
        Fee newer = write(tx -> tx.fees().insert(fee(p, "1.00", 200)));
        Fee older = write(tx -> tx.fees().insert(fee(p, "3.00", 100)));
        Fee settled = write(tx -> tx.fees().insert(fee(p, "4.00", 0)));
        write(tx -> tx.fees().insert(fee(other, "9.00", 0)));
        write(tx -> {
            tx.fees().update(settled.withRemaining(new BigDecimal("0.00")));
            return null;
        });
        assertEquals(List.of(older, newer), read(tx -> tx.fees().openForPatron(p.id())));
    }

    @Test
    default void updateKeepsTheRemainingAmount() {
        Patron p = newPatron("P1");
        Fee f = write(tx -> tx.fees().insert(new Fee(0, p.id(), FeeType.LOST, Money.of("30.00", "EUR"), new BigDecimal("30.00"),
                null, null, null, T0)));
        Fee partly = f.withRemaining(new BigDecimal("12.25"));
        write(tx -> {
            tx.fees().update(partly);
            return null;
        });
        Fee found = read(tx -> tx.fees().byId(f.id())).orElseThrow();
        assertEquals(partly, found);
        assertEquals("EUR", found.amount().currency().getCurrencyCode());
    }

    @Test
    default void creditWithAllocationsIsFoundByReference() {
        Patron p = newPatron("P1");
        Fee a = write(tx -> tx.fees().insert(fee(p, "2.00", 0)));
        Fee b = write(tx -> tx.fees().insert(fee(p, "3.00", 1)));
        FeeCredit c = write(tx -> tx.fees().insertCredit(credit(p, "4.00", "TX-1", Channel.SIP2, List.of(
                new FeeCredit.Allocation(a.id(), new BigDecimal("2.00")), new FeeCredit.Allocation(b.id(), new BigDecimal("2.00"))))));
        assertTrue(c.id() > 0);
        assertEquals(c, read(tx -> tx.fees().creditByReference(Channel.SIP2, "TX-1")).orElseThrow());
        assertTrue(read(tx -> tx.fees().creditByReference(Channel.NCIP, "TX-1")).isEmpty());
        assertTrue(read(tx -> tx.fees().creditByReference(Channel.SIP2, "TX-2")).isEmpty());
    }

    @Test
    default void repeatedReferenceOnOneChannelIsAConflict() {
        Patron p = newPatron("P1");
        write(tx -> tx.fees().insertCredit(credit(p, "1.00", "TX-1", Channel.SIP2, List.of())));
        StoreFixture.expectConflict(writeFailure(tx -> tx.fees().insertCredit(credit(p, "1.00", "TX-1", Channel.SIP2, List.of()))));
        // the same transaction id from another channel is another transaction
        FeeCredit ncip = write(tx -> tx.fees().insertCredit(credit(p, "1.00", "TX-1", Channel.NCIP, List.of())));
        assertEquals(ncip, read(tx -> tx.fees().creditByReference(Channel.NCIP, "TX-1")).orElseThrow());
    }

    @Test
    default void creditsWithoutReferenceNeverCollide() {
        Patron p = newPatron("P1");
        FeeCredit w1 = write(tx -> tx.fees().insertCredit(credit(p, "1.00", null, Channel.DESK, List.of())));
        FeeCredit w2 = write(tx -> tx.fees().insertCredit(credit(p, "1.00", null, Channel.DESK, List.of())));
        assertTrue(w2.id() != w1.id());
    }

    // ------------------------------------------------------------ the desk's ledger (issue #11)

    @Test
    default void forPatronListsSettledFeesToo() {
        Patron p = newPatron("P1");
        Fee open = write(tx -> tx.fees().insert(fee(p, "1.00", 100)));
        Fee settled = write(tx -> tx.fees().insert(fee(p, "4.00", 0)));
        write(tx -> {
            tx.fees().update(settled.withRemaining(new BigDecimal("0.00")));
            return null;
        });
        assertEquals(List.of(settled.withRemaining(new BigDecimal("0.00")), open), read(tx -> tx.fees().forPatron(p.id())));
    }

    @Test
    default void aCreditKeepsWhoTookItWhereItsNoteAndTheBalanceAfter() {
        Patron p = newPatron("P1");
        Patron other = newPatron("P2");
        Fee a = write(tx -> tx.fees().insert(fee(p, "2.00", 0)));
        FeeCredit desk = new FeeCredit(0, p.id(), CreditType.PAYMENT, Money.of("1.50", "USD"), "card", null, Channel.API, "staff-api",
                T0.plusSeconds(60), List.of(new FeeCredit.Allocation(a.id(), new BigDecimal("1.50"))), "grace", "EAST", "at the desk",
                new BigDecimal("0.50"));
        FeeCredit stored = write(tx -> tx.fees().insertCredit(desk));
        FeeCredit old = write(tx -> tx.fees().insertCredit(credit(p, "0.25", null, Channel.SIP2, List.of(
                new FeeCredit.Allocation(a.id(), new BigDecimal("0.25"))))));
        FeeCredit elsewhere = write(tx -> tx.fees().insertCredit(credit(other, "1.00", null, Channel.SIP2, List.of())));
        assertEquals(desk.withId(stored.id()), read(tx -> tx.fees().creditById(stored.id())).orElseThrow());
        assertEquals(List.of(old, stored), read(tx -> tx.fees().creditsForPatron(p.id())), "oldest first, with allocations");
        assertEquals(List.of(stored), read(tx -> tx.fees().creditsAt("EAST", T0, T0.plusSeconds(61))));
        assertTrue(read(tx -> tx.fees().creditsAt("EAST", T0.plusSeconds(61), T0.plusSeconds(120))).isEmpty(), "the end is exclusive");
        assertTrue(read(tx -> tx.fees().creditsAt("WEST", T0, T0.plusSeconds(120))).isEmpty());
        assertTrue(read(tx -> tx.fees().creditById(elsewhere.id() + 10)).isEmpty());
    }

    @Test
    default void disputesAreOpenUntilResolved() {
        Patron p = newPatron("P1");
        Fee a = write(tx -> tx.fees().insert(fee(p, "2.00", 0)));
        Fee b = write(tx -> tx.fees().insert(fee(p, "3.00", 1)));
        org.stackbridge.core.model.FeeDispute first = write(tx -> tx.fees().insertDispute(new org.stackbridge.core.model.FeeDispute(0, a.id(),
                p.id(), T0, "tim", "not mine", null, null, null, null)));
        org.stackbridge.core.model.FeeDispute second = write(tx -> tx.fees().insertDispute(new org.stackbridge.core.model.FeeDispute(0, b.id(),
                p.id(), T0.plusSeconds(5), "tim", "returned", null, null, null, null)));
        assertTrue(first.id() > 0 && second.id() > first.id());
        assertEquals(List.of(first, second), read(tx -> tx.fees().openDisputesForPatron(p.id())));
        org.stackbridge.core.model.FeeDispute resolved = first.resolved(T0.plusSeconds(60), "grace",
                org.stackbridge.core.model.DisputeOutcome.REJECTED, "loan on record");
        write(tx -> {
            tx.fees().updateDispute(resolved);
            return null;
        });
        assertEquals(resolved, read(tx -> tx.fees().disputeById(first.id())).orElseThrow());
        assertEquals(List.of(second), read(tx -> tx.fees().openDisputesForPatron(p.id())));
        assertEquals(List.of(resolved, second), read(tx -> tx.fees().disputesForPatron(p.id())));
        assertTrue(read(tx -> tx.fees().disputeById(second.id() + 10)).isEmpty());
    }
}
