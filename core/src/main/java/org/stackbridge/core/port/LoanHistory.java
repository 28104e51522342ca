package org.stackbridge.core.port;

import java.time.Instant;
import java.util.List;
import org.stackbridge.core.model.Loan;

/**
 * Closed loans as history, and their anonymisation: the patron link of a loan and of its circulation events
 * (check-out, renewals, check-in, override) is removed; library, item, channel, terminal, dates and the patron's
 * category stay, so every report still counts them.
 */
public interface LoanHistory {

    /** Ids of patrons with closed loans returned before {@code returnedBefore}, ascending after {@code afterPatronId}. */
    List<Long> patronsWithClosedLoans(Instant returnedBefore, long afterPatronId, int limit);

    /** The patron's closed loans returned before {@code returnedBefore} (null: all of them), oldest first. */
    List<Loan> closedForPatron(long patronId, Instant returnedBefore);

    /**
     * Removes the patron link of this closed loan and of its events, keeping {@code patronCategory} on both and
     * {@code borrower} (an opaque token, the same for the loans of one patron anonymised together) on the events, so
     * distinct borrowers are still counted. Returns the number of events changed.
     */
    int anonymise(Loan loan, String patronCategory, String borrower);

    /**
     * The borrower pseudonym of the patron's anonymised loans: the one given at an earlier anonymisation, else
     * {@code candidate}, remembered from now on. One pseudonym per patron across every run keeps distinct borrowers
     * exact (a patron half anonymised, or anonymised over two runs, is still one borrower in every period).
     */
    String pseudonym(long patronId, String candidate);

    /** Forgets which patron a pseudonym was (the patron is anonymised): nothing links their history to them any more. */
    void forgetPseudonym(long patronId);
}
