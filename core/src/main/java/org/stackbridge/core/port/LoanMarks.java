package org.stackbridge.core.port;

import java.util.List;
import org.stackbridge.core.model.LoanMark;

/** Marks on loans (lost, claimed returned); kept after the loan closes, so a patron's claims can be counted. */
public interface LoanMarks {
    /** Throws {@link StoreConflictException} when the loan already has a mark of that kind. */
    LoanMark insert(LoanMark mark);

    /** The marks of one loan, oldest first. */
    List<LoanMark> forLoan(long loanId);

    /** How many loans of the patron carry a mark of {@code kind} (open or closed). */
    int countForPatron(long patronId, LoanMark.Kind kind);
}
