package org.stackbridge.core.policy;

import java.time.Duration;
import java.time.Instant;
import org.stackbridge.core.model.Loan;

/**
 * When a closed loan's link to its patron is removed (privacy; Koha's {@code AnonymiseIssues}): a loan returned more
 * than {@code afterDays} days ago. Zero or less keeps every link (the default). Open loans are never anonymised.
 */
public final class LoanHistoryPolicy {

    private LoanHistoryPolicy() {
    }

    /** Loans returned before this instant are anonymised; null when anonymisation is off. */
    public static Instant cutoff(Instant now, int afterDays) {
        return afterDays <= 0 ? null : now.minus(Duration.ofDays(afterDays));
    }

    /** Whether this loan is due for anonymisation now. */
    public static boolean due(Loan loan, Instant now, int afterDays) {
        Instant cutoff = cutoff(now, afterDays);
        return cutoff != null && !loan.isOpen() && loan.returnedAt().isBefore(cutoff);
    }
}
