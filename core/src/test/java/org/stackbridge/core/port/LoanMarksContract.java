package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.LoanMark;
import org.stackbridge.core.model.Patron;

public interface LoanMarksContract extends StoreFixture {

    Instant MARKED = Instant.parse("2026-03-10T09:30:00Z");

    private Loan newLoan(Patron p, String itemBarcode) {
        Item item = newItem(itemBarcode);
        return write(tx -> tx.loans().insert(new Loan(0, item.id(), p.id(), "MAIN", MARKED.minusSeconds(86_400),
                MARKED.plusSeconds(86_400), null, 0, Channel.API, "staff-api")));
    }

    @Test
    default void marksAreFoundByLoanAndCountedPerPatronAndKind() {
        Patron p = newPatron("LM1");
        Loan first = newLoan(p, "LMI1");
        Loan second = newLoan(p, "LMI2");
        LoanMark lost = new LoanMark(first.id(), first.itemId(), p.id(), LoanMark.Kind.LOST, MARKED, "grace", 7L, null);
        LoanMark claim = new LoanMark(first.id(), first.itemId(), p.id(), LoanMark.Kind.CLAIMS_RETURNED, MARKED.plusSeconds(60), "tim", null, null);
        LoanMark claim2 = new LoanMark(second.id(), second.itemId(), p.id(), LoanMark.Kind.CLAIMS_RETURNED, MARKED, "tim", null, null);
        write(tx -> {
            tx.loanMarks().insert(lost);
            tx.loanMarks().insert(claim);
            tx.loanMarks().insert(claim2);
            return null;
        });
        assertEquals(List.of(lost, claim), read(tx -> tx.loanMarks().forLoan(first.id())));
        assertEquals(Integer.valueOf(2), read(tx -> tx.loanMarks().countForPatron(p.id(), LoanMark.Kind.CLAIMS_RETURNED)));
        assertEquals(Integer.valueOf(1), read(tx -> tx.loanMarks().countForPatron(p.id(), LoanMark.Kind.LOST)));
        assertEquals(Integer.valueOf(0), read(tx -> tx.loanMarks().countForPatron(p.id() + 1000, LoanMark.Kind.LOST)));
    }

    @Test
    default void aSecondMarkOfTheSameKindOnALoanConflictsAndChangesNothing() {
        Patron p = newPatron("LM2");
        Loan loan = newLoan(p, "LMI3");
        LoanMark lost = new LoanMark(loan.id(), loan.itemId(), p.id(), LoanMark.Kind.LOST, MARKED, "grace", null, null);
        write(tx -> tx.loanMarks().insert(lost));
        StoreFixture.expectConflict(writeFailure(tx -> tx.loanMarks().insert(lost)));
        assertEquals(List.of(lost), read(tx -> tx.loanMarks().forLoan(loan.id())));
        assertTrue(read(tx -> tx.loanMarks().forLoan(loan.id() + 1000)).isEmpty());
    }
}
