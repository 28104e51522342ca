package org.stackbridge.core.service;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;

/**
 * The one anonymisation step for closed loans, used by the housekeeping job ({@link LoanHistoryDesk}) and by the
 * anonymisation of a patron ({@link PatronsDesk}): each loan and its events lose the patron link and keep the
 * patron's category; every loan of one patron carries the same random borrower pseudonym, whichever run anonymised
 * it (kept apart from the patron record, in the store's pseudonym table, until the patron is anonymised), so a
 * report's distinct borrowers stay exactly as they were.
 */
final class LoanHistoryAnonymisation {

    private final SecureRandom random = new SecureRandom();

    /** @return the number of loans anonymised */
    int anonymise(EngineTx tx, Patron patron, List<Loan> closedLoans) {
        if (closedLoans.isEmpty()) {
            return 0;
        }
        byte[] token = new byte[12];
        random.nextBytes(token);
        // the patron's one pseudonym: a fresh one only the first time, so a later run does not make a second borrower
        String borrower = tx.store().loanHistory().pseudonym(patron.id(), "anon-" + HexFormat.of().formatHex(token));
        int n = 0;
        for (Loan loan : closedLoans) {
            if (!loan.isOpen() && loan.patronId() == patron.id()) {
                tx.store().loanHistory().anonymise(loan, patron.category(), borrower);
                n++;
            }
        }
        return n;
    }
}
