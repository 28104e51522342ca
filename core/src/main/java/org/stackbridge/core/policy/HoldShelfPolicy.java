package org.stackbridge.core.policy;

import java.util.Optional;

/** How long an item waits on the hold shelf, for local holds and ILL arrivals alike. */
public final class HoldShelfPolicy {

    /**
     * Days on the hold shelf when the rule in effect names none. Seven days, because that is what local holds
     * have always had and what patrons were told (Koha's ReservesMaxPickUpDelay default is the same); the ILL
     * engine's former 14 is one rule away: ILL items are created with item type {@code ILL}, so a rule
     * {@code (*, *, ILL)} with {@code holdShelfDays=14} gives borrowed items two weeks again.
     */
    public static final int DEFAULT_SHELF_DAYS = 7;

    private HoldShelfPolicy() {
    }

    public static int shelfDays(Optional<CirculationRule> rule) {
        return rule.map(CirculationRule::holdShelfDays).filter(d -> d > 0).orElse(DEFAULT_SHELF_DAYS);
    }
}
