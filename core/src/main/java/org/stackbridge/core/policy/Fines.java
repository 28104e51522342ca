package org.stackbridge.core.policy;

import java.math.BigDecimal;
import java.time.Instant;
import org.stackbridge.core.model.Library;

/**
 * Overdue fine: nothing while the overdue units are within grace; past grace every unit is charged
 * (Koha with FinesIncludeGracePeriod, FOLIO), capped by the rule's fine cap.
 */
public final class Fines {

    private Fines() {
    }

    public static BigDecimal overdueFine(Instant due, Instant returned, CirculationRule rule, Library library) {
        long units = DueDates.overdueUnits(due, returned, rule, library);
        if (units <= rule.graceDays() || rule.finePerDay().signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal fine = rule.finePerDay().multiply(BigDecimal.valueOf(units));
        if (rule.fineCap() != null && fine.compareTo(rule.fineCap()) > 0) {
            fine = rule.fineCap();
        }
        return fine.setScale(2, java.math.RoundingMode.HALF_EVEN);
    }
}
