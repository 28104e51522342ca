package org.stackbridge.core.notice;

import java.util.Locale;
import java.util.Optional;

/**
 * The notices the library sends. Each has a label (its template file name and its name in the API and the
 * configuration) and says what its subject is: a loan, a hold, a fee, an ILL request or the patron's card.
 */
public enum NoticeType {
    /** A loan falls due in {@code pre-due-days} days (courtesy notice). */
    PRE_DUE("pre-due"),
    /** First, second and third overdue notice; the third may block the patron. */
    OVERDUE_1("overdue-1"),
    OVERDUE_2("overdue-2"),
    OVERDUE_3("overdue-3"),
    /** A hold's item is on the hold shelf (trapped at any checkin: desk, SIP2, NCIP). */
    HOLD_READY("hold-ready"),
    /** A hold on the shelf expires in {@code hold-expiry-days} days. */
    HOLD_EXPIRING("hold-expiring"),
    /** An item was billed as lost (a LOST fee). */
    LOST_BILLED("lost-billed"),
    /** Any other fee was charged. */
    FEE_CHARGED("fee-charged"),
    /** An item borrowed from an ILL partner for the patron arrived. */
    ILL_ARRIVED("ill-arrived"),
    /** The patron's card expires in {@code membership-days} days. */
    MEMBERSHIP_EXPIRING("membership-expiring");

    private final String label;

    NoticeType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The overdue notice of a level (1, 2 or 3). */
    public static NoticeType overdue(int level) {
        return switch (level) {
            case 1 -> OVERDUE_1;
            case 2 -> OVERDUE_2;
            case 3 -> OVERDUE_3;
            default -> throw new IllegalArgumentException("overdue level " + level);
        };
    }

    /** By label ({@code overdue-1}) or name ({@code OVERDUE_1}), any case. */
    public static Optional<NoticeType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (NoticeType n : values()) {
            if (n.label.equals(t)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
