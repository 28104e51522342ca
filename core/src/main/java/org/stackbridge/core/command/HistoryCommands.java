package org.stackbridge.core.command;

import org.stackbridge.core.outcome.HistoryViews;

/** Loan-history privacy commands, handled by {@code LoanHistoryDesk}. */
public final class HistoryCommands {

    private HistoryCommands() {
    }

    /**
     * Anonymises the closed loans returned more than {@code afterDays} days ago (see {@code LoanHistoryPolicy}), for at
     * most {@code maxPatrons} patrons with ids above {@code afterPatronId} (one transaction); run again from
     * {@code lastPatronId} until {@code done}.
     */
    public record AnonymiseLoanHistory(RequestContext context, int afterDays, long afterPatronId, int maxPatrons)
            implements Command<HistoryViews.LoanHistoryAnonymised> {
    }
}
