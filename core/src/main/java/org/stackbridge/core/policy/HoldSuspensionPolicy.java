package org.stackbridge.core.policy;

import java.time.LocalDate;
import java.util.Optional;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.outcome.RefusalReason;

/**
 * Suspended holds. A suspended hold keeps its place in the title's queue, but while it is suspended no item is
 * trapped for it (at a desk or a SIP2 kiosk check-in), it does not make a check-out to someone else wait, and it
 * does not block a renewal. A suspension with an end date lasts through that day, in the pickup library's zone, and
 * the hold takes part again the day after (as Koha's {@code suspend_until}); one without lasts until staff resume it.
 * Only a waiting hold can be suspended: a trapped item is already set aside.
 */
public final class HoldSuspensionPolicy {

    private HoldSuspensionPolicy() {
    }

    /** Whether the hold is passed over on {@code today} (the pickup library's date). */
    public static boolean passedOver(Hold hold, LocalDate today) {
        return hold.suspended() && (hold.suspendedUntil() == null || !today.isAfter(hold.suspendedUntil()));
    }

    /** Why the hold cannot be suspended until {@code until} on {@code today}; empty when it can. */
    public static Optional<Refusal> maySuspend(Hold hold, LocalDate until, LocalDate today) {
        if (hold.status() != HoldStatus.WAITING) {
            return Optional.of(new Refusal(RefusalReason.INVALID_TRANSITION, "Hold " + hold.id() + " is " + hold.status()
                    + ": only a waiting hold can be suspended"));
        }
        if (until != null && until.isBefore(today)) {
            return Optional.of(new Refusal(RefusalReason.INVALID_REQUEST, "Suspension end " + until + " is in the past (today is "
                    + today + ")"));
        }
        return Optional.empty();
    }
}
