package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;

public interface LoansContract extends StoreFixture {

    static Loan open(Item item, Patron patron) {
        return new Loan(0, item.id(), patron.id(), "MAIN", T0, T0.plusSeconds(14 * 86_400), null, 0, Channel.SIP2, "term-1");
    }

    @Test
    default void openLoanIsFoundByItemPatronAndId() {
        Patron p = newPatron("P1");
        Item i = newItem("I1");
        Loan loan = write(tx -> tx.loans().insert(open(i, p)));
        assertTrue(loan.id() > 0);
        assertEquals(loan, read(tx -> tx.loans().openForItem(i.id())).orElseThrow());
        assertEquals(List.of(loan), read(tx -> tx.loans().openForPatron(p.id())));
        assertEquals(loan, read(tx -> tx.loans().byId(loan.id())).orElseThrow());
    }

    @Test
    default void secondOpenLoanForAnItemIsAConflict() {
        Patron p = newPatron("P1");
        Patron q = newPatron("P2");
        Item i = newItem("I1");
        write(tx -> tx.loans().insert(open(i, p)));
        StoreFixture.expectConflict(writeFailure(tx -> tx.loans().insert(open(i, q))));
        assertEquals(List.of(), read(tx -> tx.loans().openForPatron(q.id())));
    }

    @Test
    default void twoOpenLoansInOneUnitAreAConflict() {
        Patron p = newPatron("P1");
        Item i = newItem("I1");
        StoreFixture.expectConflict(writeFailure(tx -> {
            tx.loans().insert(open(i, p));
            return tx.loans().insert(open(i, p));
        }));
        assertTrue(read(tx -> tx.loans().openForItem(i.id())).isEmpty());
    }

    @Test
    default void returnedLoanIsClosedAndTheItemMayBeLentAgain() {
        Patron p = newPatron("P1");
        Patron q = newPatron("P2");
        Item i = newItem("I1");
        Loan first = write(tx -> tx.loans().insert(open(i, p)));
        Loan returned = first.returned(T0.plusSeconds(3600));
        write(tx -> {
            tx.loans().update(returned);
            return null;
        });
        assertTrue(read(tx -> tx.loans().openForItem(i.id())).isEmpty());
        assertEquals(List.of(), read(tx -> tx.loans().openForPatron(p.id())));
        assertEquals(returned, read(tx -> tx.loans().byId(first.id())).orElseThrow());
        Loan second = write(tx -> tx.loans().insert(open(i, q)));
        assertEquals(second, read(tx -> tx.loans().openForItem(i.id())).orElseThrow());
    }

    @Test
    default void renewalUpdatesDueDateAndCount() {
        Patron p = newPatron("P1");
        Item i = newItem("I1");
        Loan loan = write(tx -> tx.loans().insert(open(i, p)));
        Loan renewed = loan.renewed(T0.plusSeconds(28 * 86_400));
        write(tx -> {
            tx.loans().update(renewed);
            return null;
        });
        Loan found = read(tx -> tx.loans().byId(loan.id())).orElseThrow();
        assertEquals(renewed, found);
        assertEquals(1, found.renewals());
    }

    @Test
    default void reopeningAReturnedLoanWhileAnotherIsOpenIsAConflict() {
        Patron p = newPatron("P1");
        Item i = newItem("I1");
        Loan first = write(tx -> tx.loans().insert(open(i, p)));
        write(tx -> {
            tx.loans().update(first.returned(T0.plusSeconds(60)));
            return null;
        });
        write(tx -> tx.loans().insert(open(i, p)));
        StoreFixture.expectConflict(writeFailure(tx -> {
            tx.loans().update(first);
            return null;
        }));
    }

    @Test
    default void openPageSkipsReturnedLoans() {
        Patron p = newPatron("P1");
        Item a = newItem("I1");
        Item b = newItem("I2");
        Item c = newItem("I3");
        Loan la = write(tx -> tx.loans().insert(open(a, p)));
        Loan lb = write(tx -> tx.loans().insert(open(b, p)));
        Loan lc = write(tx -> tx.loans().insert(open(c, p)));
        write(tx -> {
            tx.loans().update(lb.returned(T0.plusSeconds(5)));
            return null;
        });
        assertEquals(List.of(la, lc), read(tx -> tx.loans().openPage(0, 10)));
        assertEquals(List.of(la), read(tx -> tx.loans().openPage(0, 1)));
        assertEquals(List.of(lc), read(tx -> tx.loans().openPage(la.id(), 10)));
        assertEquals(List.of(la, lc), read(tx -> tx.loans().openForPatron(p.id())));
    }
}
