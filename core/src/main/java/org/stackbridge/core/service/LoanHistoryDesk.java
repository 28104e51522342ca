package org.stackbridge.core.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.stackbridge.core.command.HistoryCommands.AnonymiseLoanHistory;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.HistoryViews;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.policy.LoanHistoryPolicy;
import org.stackbridge.core.policy.PolicyTable;

/**
 * Loan-history privacy: the housekeeping job's anonymisation of closed loans older than the configured days
 * ({@link LoanHistoryPolicy}), a page of patrons per transaction. Each page that changed something is logged
 * (actor: the job) with the counts, never a patron.
 */
final class LoanHistoryDesk extends Desk {

    private final LoanHistoryAnonymisation anonymisation;

    LoanHistoryDesk(EngineSettings settings, Supplier<PolicyTable> policies, LoanHistoryAnonymisation anonymisation) {
        super(settings, policies);
        this.anonymisation = anonymisation;
    }

    void registerOn(CirculationEngine engine) {
        engine.register(AnonymiseLoanHistory.class, this::anonymiseHistory);
    }

    private Outcome<HistoryViews.LoanHistoryAnonymised> anonymiseHistory(AnonymiseLoanHistory cmd, EngineTx tx) {
        Instant cutoff = LoanHistoryPolicy.cutoff(tx.now(), cmd.afterDays());
        if (cutoff == null) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "loan-history anonymisation is off (0 days)");
        }
        int max = Math.max(1, Math.min(cmd.maxPatrons(), 1000));
        List<Long> patronIds = tx.store().loanHistory().patronsWithClosedLoans(cutoff, cmd.afterPatronId(), max);
        int loans = 0;
        long last = cmd.afterPatronId();
        for (long id : patronIds) {
            last = id;
            Optional<Patron> patron = tx.store().patrons().byId(id);
            if (patron.isPresent()) {
                List<Loan> due = tx.store().loanHistory().closedForPatron(id, cutoff);
                loans += anonymisation.anonymise(tx, patron.get(), due);
            }
        }
        if (loans > 0) {
            tx.log(cmd.context(), EventType.LOAN_HISTORY_ANONYMISED, null, null, null,
                    "loans=" + loans + " patrons=" + patronIds.size() + " returned-before=" + cutoff);
        }
        return Outcome.success(new HistoryViews.LoanHistoryAnonymised(patronIds.size(), loans, last, patronIds.size() < max));
    }
}
