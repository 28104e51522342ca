package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A mark on an open loan, one of each kind at most (the loan and the kind are its key): the item was declared lost (and billed) or the borrower claims to have returned it. A loan
 * carries at most one mark of each kind; fines stop accruing at {@code markedAt}. For a lost loan,
 * {@code replacementFeeId} and {@code processingFeeId} name the fees billed (null when none), so a later check-in can
 * refund them.
 */
public record LoanMark(long loanId, long itemId, long patronId, Kind kind, Instant markedAt, String actor,
                       Long replacementFeeId, Long processingFeeId) implements Serializable {

    public enum Kind { LOST, CLAIMS_RETURNED }

    public LoanMark {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(markedAt, "markedAt");
    }
}
