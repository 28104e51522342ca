package org.stackbridge.core.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;

/** Which overdue notice is due: the circulation rule's own days, else the notices' default days. */
class NoticePolicyTest {

    static final Instant DUE = Instant.parse("2026-11-02T12:00:00Z");

    static NoticePolicy policy(Set<NoticeType> enabled) {
        return new NoticePolicy(new NoticeSettings(enabled, 3, List.of(1, 14, 28), 0, 2, 30, 7, 5, 300));
    }

    static Instant day(int n) {
        return DUE.plus(Duration.ofDays(n)).plusSeconds(1);
    }

    @Test
    void aRuleWithoutDaysOfItsOwnFollowsTheDefaultDays() {
        NoticePolicy p = policy(EnumSet.allOf(NoticeType.class));
        assertEquals(OptionalInt.empty(), p.overdueLevel(DUE, DUE, null), "not overdue yet");
        assertEquals(OptionalInt.of(1), p.overdueLevel(DUE, day(1), null));
        assertEquals(OptionalInt.of(1), p.overdueLevel(DUE, day(13), null));
        assertEquals(OptionalInt.of(2), p.overdueLevel(DUE, day(14), null));
        assertEquals(OptionalInt.of(3), p.overdueLevel(DUE, day(28), null));
    }

    @Test
    void aRuleWithItsOwnDaysGetsItsNoticesOnThoseDays() {
        NoticePolicy p = policy(EnumSet.allOf(NoticeType.class));
        List<Integer> dvd = List.of(2, 4, 6);
        assertEquals(OptionalInt.empty(), p.overdueLevel(DUE, day(1), dvd), "the default's first day is not the rule's");
        assertEquals(OptionalInt.of(1), p.overdueLevel(DUE, day(2), dvd));
        assertEquals(OptionalInt.of(2), p.overdueLevel(DUE, day(4), dvd));
        assertEquals(OptionalInt.of(3), p.overdueLevel(DUE, day(6), dvd));
    }

    @Test
    void aDisabledLevelIsSkippedUnderARulesDaysToo() {
        Set<NoticeType> on = EnumSet.allOf(NoticeType.class);
        on.remove(NoticeType.overdue(3));
        assertEquals(OptionalInt.of(2), policy(on).overdueLevel(DUE, day(9), List.of(2, 4, 6)));
    }

    @Test
    void aRuleRefusesDaysThatAreNotThreeAscendingCounts() {
        CirculationRule ok = rule(List.of(0, 7, 14));
        assertEquals(List.of(0, 7, 14), ok.overdueNoticeDays());
        assertEquals(null, ok.withOverdueNoticeDays(null).overdueNoticeDays());
        assertThrows(IllegalArgumentException.class, () -> rule(List.of(7, 7, 14)));
        assertThrows(IllegalArgumentException.class, () -> rule(List.of(1, 14)));
        assertThrows(IllegalArgumentException.class, () -> rule(List.of(-1, 14, 28)));
        assertThrows(IllegalArgumentException.class, () -> rule(java.util.Arrays.asList(1, null, 28)));
    }

    static CirculationRule rule(List<Integer> days) {
        return new CirculationRule(null, null, "DVD", 7, PeriodUnit.DAYS, 1, 7, 5, BigDecimal.ONE, 0, null, true, 3,
                ClosedDayStrategy.KEEP, "test", days);
    }
}
