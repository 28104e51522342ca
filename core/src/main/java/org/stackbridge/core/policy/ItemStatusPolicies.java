package org.stackbridge.core.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.LoanMark;
import org.stackbridge.core.outcome.RefusalReason;

/**
 * The rules for setting an item's status by hand, one named policy per status, and what each status change brings
 * with it (fees, refunds, stopped fines). The engine's item status desk asks these and nothing else.
 *
 * <ul>
 *   <li>{@link #DAMAGED}: refused while on loan (check it in first); a repair fee, when given, is billed to the patron
 *       named or else the item's last borrower, so one of them is needed.</li>
 *   <li>{@link #MISSING}, {@link #WITHDRAWN}, {@link #AVAILABLE}, {@link #IN_PROCESS}: refused while the item is on
 *       loan (check it in first).</li>
 *   <li>{@link #LOST}: on loan, the loan is marked lost and the borrower billed the replacement charge
 *       ({@link #replacementCharge}) and the processing fee; off loan, only the status changes.</li>
 * </ul>
 * Claims returned is its own command with its own rule ({@link #claimsReturned}).
 */
public final class ItemStatusPolicies {

    private ItemStatusPolicies() {
    }

    /** What a status change is judged on. */
    /** @param patronToBill a patron the repair fee can go to: the one named, or the item's last borrower */
    public record StatusCase(Item item, ItemStatus to, boolean onLoan, boolean repairFeeGiven, boolean patronToBill) {
    }

    /** A named rule: empty when the change may go ahead. */
    public record StatusPolicy(String name, java.util.function.Function<StatusCase, Optional<Refusal>> rule) {
        public Optional<Refusal> check(StatusCase c) {
            return rule.apply(c);
        }
    }

    public static final StatusPolicy DAMAGED = new StatusPolicy("damaged", c -> notOnLoan(c).or(() -> c.repairFeeGiven() && !c.patronToBill()
            ? Optional.of(new Refusal(RefusalReason.INVALID_REQUEST,
            "Item " + c.item().barcode() + " has no last borrower to bill the repair fee to; name the patron"))
            : Optional.empty()));

    public static final StatusPolicy MISSING = new StatusPolicy("missing", ItemStatusPolicies::notOnLoan);

    public static final StatusPolicy WITHDRAWN = new StatusPolicy("withdrawn", ItemStatusPolicies::notOnLoan);

    public static final StatusPolicy AVAILABLE = new StatusPolicy("available", ItemStatusPolicies::notOnLoan);

    public static final StatusPolicy IN_PROCESS = new StatusPolicy("in-process", ItemStatusPolicies::notOnLoan);

    public static final StatusPolicy LOST = new StatusPolicy("lost", c -> c.onLoan() && c.item().status() == ItemStatus.LOST
            ? Optional.of(new Refusal(RefusalReason.INVALID_TRANSITION, "Item " + c.item().barcode() + " is already marked lost on this loan"))
            : Optional.empty());

    /** The statuses staff may set, each with its policy. */
    public static final Map<ItemStatus, StatusPolicy> BY_STATUS;

    static {
        Map<ItemStatus, StatusPolicy> m = new EnumMap<>(ItemStatus.class);
        m.put(ItemStatus.DAMAGED, DAMAGED);
        m.put(ItemStatus.MISSING, MISSING);
        m.put(ItemStatus.WITHDRAWN, WITHDRAWN);
        m.put(ItemStatus.AVAILABLE, AVAILABLE);
        m.put(ItemStatus.IN_PROCESS, IN_PROCESS);
        m.put(ItemStatus.LOST, LOST);
        BY_STATUS = java.util.Collections.unmodifiableMap(m);
    }

    /** The policy for setting {@code to} by hand; a status that follows only from circulation (checked out ...) is refused. */
    public static Optional<Refusal> check(StatusCase c) {
        StatusPolicy p = BY_STATUS.get(c.to());
        if (p == null) {
            return Optional.of(new Refusal(RefusalReason.INVALID_REQUEST, "Status " + c.to() + " follows from circulation and cannot be set by hand"));
        }
        return p.check(c);
    }

    /** Claims returned: only for an item on loan, once per loan. */
    public static Optional<Refusal> claimsReturned(Item item, boolean onLoan, List<LoanMark> marks) {
        if (!onLoan) {
            return Optional.of(new Refusal(RefusalReason.ITEM_NOT_CHECKED_OUT, "Item " + item.barcode() + " is not checked out"));
        }
        if (marks.stream().anyMatch(m -> m.kind() == LoanMark.Kind.CLAIMS_RETURNED)) {
            return Optional.of(new Refusal(RefusalReason.DUPLICATE, "Item " + item.barcode() + " is already claimed returned on this loan"));
        }
        return Optional.empty();
    }

    /** The replacement charge for a lost item: its price when it has one, else the configured default. */
    public static BigDecimal replacementCharge(Item item, ItemStatusSettings settings) {
        return item.price() != null && item.price().signum() > 0 ? item.price() : settings.lostReplacementFee();
    }

    /** Which fees of a lost loan a check-in of the item gives back, by the {@code lost-item-return} setting. */
    public static List<FeeType> refundedOnReturn(ItemStatusSettings settings) {
        return switch (settings.lostItemReturn()) {
            case REFUND_REPLACEMENT -> List.of(FeeType.LOST);
            case REFUND_ALL -> List.of(FeeType.LOST, FeeType.PROCESSING);
            case NONE -> List.of();
        };
    }

    /**
     * Until when a loan accrues overdue fines: its return, or the earliest time it was marked lost or claimed
     * returned, whichever comes first.
     */
    public static Instant fineAccrualEnd(List<LoanMark> marks, Instant returned) {
        Instant end = returned;
        for (LoanMark m : marks) {
            if (m.markedAt().isBefore(end)) {
                end = m.markedAt();
            }
        }
        return end;
    }

    private static Optional<Refusal> notOnLoan(StatusCase c) {
        return c.onLoan() ? Optional.of(new Refusal(RefusalReason.INVALID_REQUEST,
                "Item " + c.item().barcode() + " is checked out; check it in first (or mark it lost or claims returned)"))
                : Optional.empty();
    }
}
