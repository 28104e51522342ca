package org.stackbridge.core.outcome;

import java.io.Serializable;

/** What the loan-history commands answer. */
public final class HistoryViews {

    private HistoryViews() {
    }

    /** One page of the anonymisation job: patrons and loans changed, the last patron id looked at, whether more remain. */
    public record LoanHistoryAnonymised(int patrons, int loans, long lastPatronId, boolean done) implements Serializable {
    }
}
