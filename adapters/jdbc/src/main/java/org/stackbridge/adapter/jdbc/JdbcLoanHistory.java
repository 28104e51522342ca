package org.stackbridge.adapter.jdbc;

import java.time.Instant;
import java.util.List;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.port.LoanHistory;

/**
 * Closed loans and their anonymisation: {@code patron_id} becomes NULL on the loan and on its circulation events
 * (found by patron, item and the {@code loan=ID} their detail starts with); {@code patron_category} keeps the
 * category and {@code event_log.borrower} the patron's pseudonym ({@code borrower_pseudonym}, one per patron), which the
 * reports count distinct borrowers by.
 */
final class JdbcLoanHistory implements LoanHistory {

    /** The events a loan writes: check-out, override, renewals and check-in, each detail starting "loan=ID ". */
    private static final String LOAN_EVENTS = "event_type IN ('CHECKOUT', 'CHECKOUT_OVERRIDE', 'RENEW', 'CHECKIN')";

    private final Sql sql;

    JdbcLoanHistory(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<Long> patronsWithClosedLoans(Instant returnedBefore, long afterPatronId, int limit) {
        return sql.list("SELECT DISTINCT patron_id FROM loan WHERE returned_at IS NOT NULL AND returned_at < ? AND patron_id > ?"
                + " ORDER BY patron_id FETCH FIRST ? ROWS ONLY", rs -> rs.getLong(1), returnedBefore, afterPatronId, Math.max(0, limit));
    }

    @Override
    public List<Loan> closedForPatron(long patronId, Instant returnedBefore) {
        return returnedBefore == null
                ? sql.list("SELECT " + JdbcLoans.COLS + " FROM loan WHERE patron_id = ? AND returned_at IS NOT NULL ORDER BY id",
                        JdbcLoans::loan, patronId)
                : sql.list("SELECT " + JdbcLoans.COLS + " FROM loan WHERE patron_id = ? AND returned_at IS NOT NULL AND returned_at < ? ORDER BY id",
                        JdbcLoans::loan, patronId, returnedBefore);
    }

    @Override
    public int anonymise(Loan loan, String patronCategory, String borrower) {
        sql.updateOne("loan " + loan.id(), "UPDATE loan SET patron_id = NULL, patron_category = ? WHERE id = ? AND returned_at IS NOT NULL",
                patronCategory, loan.id());
        // the summary's rows of the patron up to the loan's checkout day (a day later: any library's zone) lose the link
        JdbcCirculationSummary.unlink(sql, loan.patronId(),
                java.time.LocalDate.ofInstant(loan.issuedAt(), java.time.ZoneOffset.UTC).plusDays(1));
        return sql.update("UPDATE event_log SET patron_id = NULL, patron_category = ?, borrower = ? WHERE patron_id = ? AND item_id = ? AND "
                + LOAN_EVENTS + " AND detail LIKE ?", patronCategory, borrower, loan.patronId(), loan.itemId(), "loan=" + loan.id() + " %");
    }

    @Override
    public String pseudonym(long patronId, String candidate) {
        java.util.Optional<String> given = sql.one("SELECT borrower FROM borrower_pseudonym WHERE patron_id = ?", rs -> rs.getString(1), patronId);
        if (given.isPresent()) {
            return given.get();
        }
        // writes run one at a time on a node and the job under a lease; a race between two nodes fails one
        // transaction on the primary key rather than giving the patron two pseudonyms
        sql.update("INSERT INTO borrower_pseudonym (patron_id, borrower) VALUES (?, ?)", patronId, candidate);
        JdbcCirculationSummary.pseudonymGiven(sql, patronId, candidate);
        return candidate;
    }

    @Override
    public void forgetPseudonym(long patronId) {
        JdbcCirculationSummary.unlink(sql, patronId, null);
        sql.update("DELETE FROM borrower_pseudonym WHERE patron_id = ?", patronId);
    }
}
