package org.stackbridge.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private final MembershipPolicy policy = new MembershipPolicy(Set.of("ADULT", "CHILD"), Map.of("CHILD", Period.ofMonths(18)));

    @Test
    void aCategoryWithAPeriodRenewsByItFromTheRunningExpiryOrToday() {
        assertEquals(new MembershipPolicy.Renewed(LocalDate.of(2028, 6, 7)), policy.renew("CHILD", TODAY, null, null));
        assertEquals(new MembershipPolicy.Renewed(LocalDate.of(2028, 7, 1)), policy.renew("CHILD", TODAY, LocalDate.of(2027, 1, 1), null));
        assertEquals(new MembershipPolicy.Renewed(LocalDate.of(2028, 6, 7)), policy.renew("CHILD", TODAY, LocalDate.of(2020, 1, 1), null),
                "an expired membership renews from today");
        assertEquals("until", ((MembershipPolicy.Refused) policy.renew("CHILD", TODAY, null, LocalDate.of(2030, 1, 1))).field());
    }

    @Test
    void withoutAPeriodTheGivenDateWinsElseAYear() {
        assertEquals(new MembershipPolicy.Renewed(LocalDate.of(2027, 3, 1)), policy.renew("ADULT", TODAY, null, LocalDate.of(2027, 3, 1)));
        assertEquals(new MembershipPolicy.Renewed(TODAY.plusYears(1)), policy.renew("ADULT", TODAY, null, null));
        assertTrue(policy.renew("ADULT", TODAY, null, TODAY) instanceof MembershipPolicy.Refused, "a date not after today");
        assertEquals(TODAY.minusDays(1), MembershipPolicy.expiredAsOf(TODAY));
    }

    @Test
    void categoriesAreCheckedUnlessNoneAreConfigured() {
        assertTrue(policy.knows("CHILD"));
        assertFalse(policy.knows("PIRATE"));
        assertTrue(MembershipPolicy.ANY.knows("PIRATE"));
    }
}
