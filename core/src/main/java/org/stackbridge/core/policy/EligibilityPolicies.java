package org.stackbridge.core.policy;

import static org.stackbridge.core.outcome.PatronFlag.CARD_REPORTED_LOST;
import static org.stackbridge.core.outcome.PatronFlag.CHARGE_PRIVILEGES_DENIED;
import static org.stackbridge.core.outcome.PatronFlag.EXCESSIVE_OUTSTANDING_FEES;
import static org.stackbridge.core.outcome.PatronFlag.EXCESSIVE_OUTSTANDING_FINES;
import static org.stackbridge.core.outcome.PatronFlag.HOLD_PRIVILEGES_DENIED;
import static org.stackbridge.core.outcome.PatronFlag.RECALL_PRIVILEGES_DENIED;
import static org.stackbridge.core.outcome.PatronFlag.RENEWAL_PRIVILEGES_DENIED;
import static org.stackbridge.core.outcome.PatronFlag.TOO_MANY_ITEMS_CHARGED;
import static org.stackbridge.core.outcome.PatronFlag.TOO_MANY_ITEMS_OVERDUE;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.RefusalReason;

/**
 * Who may do what: one list of named rules per decision. Check-out, renewal, holds, the ILL engine and the
 * patron-status view (SIP2 63/23 flags, NCIP UserPrivilege and BlockOrTrap) all ask these lists, so a rule
 * lives in one place and the status a kiosk shows cannot drift from what the desk then does.
 * Every decision is taken at the command's own time, carried by {@link PatronStanding#at()}.
 */
public final class EligibilityPolicies {

    private static final Set<org.stackbridge.core.outcome.PatronFlag> REQUESTS_DENIED = Set.of(HOLD_PRIVILEGES_DENIED, RECALL_PRIVILEGES_DENIED);

    // ------------------------------------------------------------ rules about the patron

    public static final EligibilityRule<PatronStanding> CARD_NOT_LOST = new EligibilityRule<>("card not reported lost",
            s -> s.patron().cardLost() ? refuse(RefusalReason.CARD_LOST, "Patron card reported lost") : pass(),
            s -> Set.of(CARD_REPORTED_LOST, CHARGE_PRIVILEGES_DENIED));

    public static final EligibilityRule<PatronStanding> CARD_NOT_EXPIRED = EligibilityRule.of("card not expired",
            s -> s.expired() ? refuse(RefusalReason.PATRON_EXPIRED, "Patron card expired") : pass());

    public static final EligibilityRule<PatronStanding> NO_BORROW_BLOCK = new EligibilityRule<>("no borrowing block",
            s -> s.activeBlock(PatronBlock::borrow)
                    .map(b -> new Refusal(RefusalReason.PATRON_BLOCKED, blank(b.reason()) ? "Patron is blocked" : b.reason())),
            s -> Set.of(CHARGE_PRIVILEGES_DENIED));

    public static final EligibilityRule<PatronStanding> UNDER_LOAN_LIMIT = new EligibilityRule<>("under the loan limit",
            s -> s.maxLoans() > 0 && s.openLoans() >= s.maxLoans()
                    ? refuse(RefusalReason.TOO_MANY_LOANS, "Too many items checked out (limit " + s.maxLoans() + ")") : pass(),
            s -> Set.of(TOO_MANY_ITEMS_CHARGED));

    public static final EligibilityRule<PatronStanding> FEW_ENOUGH_OVERDUE = new EligibilityRule<>("few enough overdue items",
            s -> s.maxOverdue() > 0 && s.overdueLoans() >= s.maxOverdue()
                    ? refuse(RefusalReason.PATRON_BLOCKED, "Too many overdue items") : pass(),
            s -> Set.of(TOO_MANY_ITEMS_OVERDUE, CHARGE_PRIVILEGES_DENIED));

    /** Fees under an open dispute do not count ({@link FeeBlockPolicy}, applied when the standing is built). */
    public static final EligibilityRule<PatronStanding> FEES_UNDER_LIMIT = new EligibilityRule<>("fees under the limit",
            s -> s.feeLimit().signum() > 0 && s.blockingBalance().amount().compareTo(s.feeLimit()) >= 0
                    ? refuse(RefusalReason.EXCESSIVE_FINES, "Outstanding fines of " + s.blockingBalance().toPlainString() + " block borrowing")
                    : pass(),
            s -> Set.of(s.owesOverdueFines() ? EXCESSIVE_OUTSTANDING_FINES : EXCESSIVE_OUTSTANDING_FEES, CHARGE_PRIVILEGES_DENIED));

    public static final EligibilityRule<PatronStanding> NO_RENEWAL_BLOCK = new EligibilityRule<>("no renewal block",
            s -> s.activeBlock(PatronBlock::renew)
                    .map(b -> new Refusal(RefusalReason.PATRON_BLOCKED, "Renewals blocked: " + nz(b.reason()))),
            s -> Set.of(RENEWAL_PRIVILEGES_DENIED));

    public static final EligibilityRule<PatronStanding> NO_REQUEST_BLOCK = new EligibilityRule<>("no request block",
            s -> s.activeBlock(PatronBlock::request)
                    .map(b -> new Refusal(RefusalReason.PATRON_BLOCKED, "Holds blocked: " + nz(b.reason()))),
            s -> REQUESTS_DENIED);

    // ------------------------------------------------------------ patron-level lists (these feed the status flags)

    /** May this patron borrow at all? (The loan limit comes from the rule in effect.) */
    public static final EligibilityPolicy<PatronStanding> BORROW = EligibilityPolicy.of("borrow",
            CARD_NOT_LOST, CARD_NOT_EXPIRED.raising(Set.of(CHARGE_PRIVILEGES_DENIED)), NO_BORROW_BLOCK, UNDER_LOAN_LIMIT,
            FEW_ENOUGH_OVERDUE, FEES_UNDER_LIMIT);

    /** May this patron renew at all? */
    public static final EligibilityPolicy<PatronStanding> RENEW_PATRON = EligibilityPolicy.of("renew (patron)",
            CARD_NOT_EXPIRED.raising(Set.of(RENEWAL_PRIVILEGES_DENIED)), NO_RENEWAL_BLOCK);

    /** May this patron place requests at all? Holds and ILL borrowing both ask this list. */
    public static final EligibilityPolicy<PatronStanding> REQUEST_PATRON = EligibilityPolicy.of("request (patron)",
            CARD_NOT_EXPIRED.raising(REQUESTS_DENIED), NO_REQUEST_BLOCK);

    // ------------------------------------------------------------ decisions

    public static final EligibilityRule<RenewalCase> RENEWALS_LEFT = EligibilityRule.of("renewals left",
            c -> c.renewals() >= c.rule().renewalsAllowed()
                    ? refuse(RefusalReason.RENEWAL_LIMIT, "Renewal limit reached (" + c.rule().renewalsAllowed() + ")") : pass());

    public static final EligibilityRule<RenewalCase> NOT_WANTED_BY_ANOTHER = EligibilityRule.of("not on hold for another patron",
            c -> c.wantedByAnother() ? refuse(RefusalReason.RENEWAL_BLOCKED_BY_HOLD, "Item is on hold for another patron") : pass());

    /** Renewing one loan. */
    public static final EligibilityPolicy<RenewalCase> RENEW = RENEW_PATRON.<RenewalCase>on("renew", RenewalCase::standing)
            .then("renew", RENEWALS_LEFT, NOT_WANTED_BY_ANOTHER);

    public static final EligibilityRule<HoldCase> HOLDS_ALLOWED = EligibilityRule.of("holds allowed by the rule",
            c -> c.rule().filter(CirculationRule::holdsAllowed).isEmpty()
                    ? refuse(RefusalReason.HOLDS_NOT_ALLOWED, "Holds are not allowed on this item") : pass());

    public static final EligibilityRule<HoldCase> NO_DUPLICATE_HOLD = EligibilityRule.of("no second hold on a title",
            c -> c.alreadyHoldsTitle() ? refuse(RefusalReason.DUPLICATE_HOLD, "Patron already has a hold on this title") : pass());

    /** Placing a hold. */
    public static final EligibilityPolicy<HoldCase> PLACE_HOLD = REQUEST_PATRON.<HoldCase>on("place hold", HoldCase::standing)
            .then("place hold", HOLDS_ALLOWED, NO_DUPLICATE_HOLD);

    /**
     * Lending to a partner: the partner's request becomes a hold for the partner's patron account, decided like
     * {@link #PLACE_HOLD} except that the one patron account stands for all the partner's borrowers, so it may hold a
     * title more than once: one request per partner request id is the rule (checked by the ILL workflow).
     */
    public static final EligibilityPolicy<HoldCase> ILL_LEND = REQUEST_PATRON.<HoldCase>on("ILL lend", HoldCase::standing)
            .then("ILL lend", HOLDS_ALLOWED);

    /**
     * Receiving a borrowed item for our patron: it waits on the hold shelf like a hold, so the patron must be
     * allowed to request, judged like a hold (same rules, same time).
     */
    public static final EligibilityPolicy<PatronStanding> ILL_BORROW = new EligibilityPolicy<>("ILL borrow", REQUEST_PATRON.rules());

    private EligibilityPolicies() {
    }

    /** Every decision's rule names, for documentation and the admin check. */
    public static List<EligibilityPolicy<?>> allCurrentPolicies() {
        return List.of(BORROW, RENEW, PLACE_HOLD, ILL_LEND, ILL_BORROW);
    }

    private static Optional<Refusal> refuse(RefusalReason reason, String text) {
        return Optional.of(new Refusal(reason, text));
    }

    private static Optional<Refusal> pass() {
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
