package org.stackbridge.core.notice;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the notice policy decides with (the gateway's {@code notices:} section).
 *
 * @param enabled          the types sent at all
 * @param preDueDays       a courtesy notice goes this many days before a loan is due
 * @param overdueDays      days after the due date of the first, second and third overdue notice (ascending)
 * @param blockAtLevel     the overdue level whose notice also blocks the patron (0: none)
 * @param holdExpiryDays   a hold on the shelf gets a reminder this many days before its last shelf day
 * @param membershipDays   a card gets a reminder this many days before it expires
 * @param lookbackDays     fees charged and ILL items received longer ago than this are not notified (so the first
 *                         run on an old database does not mail its whole history)
 * @param retryAttempts    delivery attempts before a notice is shown as failed
 * @param retryBaseSeconds the wait before the first retry; it doubles with each further attempt
 */
public record NoticeSettings(Set<NoticeType> enabled, int preDueDays, List<Integer> overdueDays, int blockAtLevel,
                             int holdExpiryDays, int membershipDays, int lookbackDays, int retryAttempts,
                             int retryBaseSeconds) {

    public NoticeSettings {
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
        overdueDays = List.copyOf(overdueDays);
        if (overdueDays.size() != 3) {
            throw new IllegalArgumentException("overdue days: three values (first, second, third notice)");
        }
        for (int i = 0; i < 3; i++) {
            if (overdueDays.get(i) < 0 || (i > 0 && overdueDays.get(i) <= overdueDays.get(i - 1))) {
                throw new IllegalArgumentException("overdue days must be ascending and not negative: " + overdueDays);
            }
        }
        if (blockAtLevel < 0 || blockAtLevel > 3 || preDueDays < 0 || holdExpiryDays < 0 || membershipDays < 0
                || lookbackDays < 0 || retryAttempts < 1 || retryBaseSeconds < 0) {
            throw new IllegalArgumentException("notice settings out of range");
        }
    }

    /** Every type, 3 days before due, overdue at 1/14/28 days, no block, 2 days before shelf and 30 before card expiry. */
    public static NoticeSettings defaults() {
        return new NoticeSettings(EnumSet.allOf(NoticeType.class), 3, List.of(1, 14, 28), 0, 2, 30, 7, 5, 300);
    }
}
