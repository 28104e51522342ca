package org.stackbridge.core.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.stackbridge.core.outcome.RefusalReason;

/**
 * The refusals of a checkout that a staff member with the override permission may let through at the desk, listed in
 * this one place: the patron is blocked (a staff block, or too many overdue items, both {@code PATRON_BLOCKED}),
 * the fee block ({@code EXCESSIVE_FINES}), the loan limit ({@code TOO_MANY_LOANS}), the item is on hold for another
 * patron ({@code ITEM_ON_HOLD_FOR_OTHER}) and the item is not for loan under the rules ({@code ITEM_NOT_CIRCULATING}).
 * Everything else (unknown patron or item, a lost or expired card, an item on loan to someone else or not on the
 * shelf) is never overridable. The engine asks {@link #overridable} before letting a refusal through; the staff API
 * tells a console whether a refusal is overridable with the same question.
 */
public final class CheckoutOverrides {

    public static final Set<RefusalReason> OVERRIDABLE = Collections.unmodifiableSet(EnumSet.of(
            RefusalReason.PATRON_BLOCKED, RefusalReason.EXCESSIVE_FINES, RefusalReason.TOO_MANY_LOANS,
            RefusalReason.ITEM_ON_HOLD_FOR_OTHER, RefusalReason.ITEM_NOT_CIRCULATING));

    private CheckoutOverrides() {
    }

    public static boolean overridable(RefusalReason reason) {
        return OVERRIDABLE.contains(reason);
    }
}
