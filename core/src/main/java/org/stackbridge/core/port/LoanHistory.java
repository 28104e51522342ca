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
}
