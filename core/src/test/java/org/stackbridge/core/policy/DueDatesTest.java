package org.stackbridge.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Library;

/** 2026-03-02 is a Monday; 2026-03-08 (US) and 2026-03-29 (EU) are daylight-saving changes. */
class DueDatesTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private final Library open = new Library("MAIN", "Main", null, UTC, Set.of(), Set.of());
    private final Library closedSundays = new Library("MAIN", "Main", null, UTC, Set.of(DayOfWeek.SUNDAY), Set.of());
    private final Library closedWeekends = new Library("MAIN", "Main", null, UTC,
            EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of());

    @Test
    void dailyLoanFallsDueAtEndOfTheLocalDay() {
        Instant due = DueDates.loanDue(Instant.parse("2026-03-02T10:15:00Z"), rule().build(), open);
        assertEquals(Instant.parse("2026-03-16T23:59:59Z"), due);
    }

    @Test
    void dueDateOnAClosedWeekdayMovesToTheNextOpenDay() {
        CirculationRule r = rule().loan(13, PeriodUnit.DAYS).closedDays(ClosedDayStrategy.NEXT_OPEN_DAY).build();
        assertEquals(Instant.parse("2026-03-16T23:59:59Z"), DueDates.loanDue(Instant.parse("2026-03-02T10:00:00Z"), r, closedSundays));
    }

    @Test
    void dueDateOnAClosedWeekdayMovesToThePreviousOpenDay() {
        CirculationRule r = rule().loan(13, PeriodUnit.DAYS).closedDays(ClosedDayStrategy.PREVIOUS_OPEN_DAY).build();
        assertEquals(Instant.parse("2026-03-14T23:59:59Z"), DueDates.loanDue(Instant.parse("2026-03-02T10:00:00Z"), r, closedSundays));
    }

    @Test
    void keepLeavesADueDateOnAClosedDay() {
        CirculationRule r = rule().loan(13, PeriodUnit.DAYS).closedDays(ClosedDayStrategy.KEEP).build();
        assertEquals(Instant.parse("2026-03-15T23:59:59Z"), DueDates.loanDue(Instant.parse("2026-03-02T10:00:00Z"), r, closedSundays));
    }

    @Test
    void closedDatesAndWeekdaysCombineWhenSkipping() {
        Library lib = closedSundays.withClosedDates(Set.of(LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 17)));
        CirculationRule r = rule().loan(13, PeriodUnit.DAYS).build();
        assertEquals(Instant.parse("2026-03-18T23:59:59Z"), DueDates.loanDue(Instant.parse("2026-03-02T10:00:00Z"), r, lib));
        Library holiday = open.withClosedDates(Set.of(LocalDate.of(2026, 3, 16)));
        CirculationRule prev = rule().closedDays(ClosedDayStrategy.PREVIOUS_OPEN_DAY).build();
        assertEquals(Instant.parse("2026-03-15T23:59:59Z"), DueDates.loanDue(Instant.parse("2026-03-02T10:00:00Z"), prev, holiday));
    }

    @Test
    void previousOpenDayNeverMovesTheDueDateBeforeTheLoanStarted() {
        // Self-check on a closed Saturday, one-day loan due Sunday: Friday would be overdue at once.
        CirculationRule r = rule().loan(1, PeriodUnit.DAYS).closedDays(ClosedDayStrategy.PREVIOUS_OPEN_DAY).build();
        Instant due = DueDates.loanDue(Instant.parse("2026-03-07T11:00:00Z"), r, closedWeekends);
        assertEquals(Instant.parse("2026-03-09T23:59:59Z"), due);
    }

    @Test
    void hourlyLoanFallsDueHoursLater() {
        CirculationRule r = rule().loan(3, PeriodUnit.HOURS).build();
        assertEquals(Instant.parse("2026-03-02T13:15:00Z"), DueDates.loanDue(Instant.parse("2026-03-02T10:15:00Z"), r, open));
    }

    @Test
    void hourlyLoanEndingOnAClosedDayFollowsTheStrategy() {
        Instant friday22 = Instant.parse("2026-03-06T22:00:00Z");
        assertEquals(Instant.parse("2026-03-09T23:59:59Z"),
                DueDates.loanDue(friday22, rule().loan(4, PeriodUnit.HOURS).closedDays(ClosedDayStrategy.NEXT_OPEN_DAY).build(), closedWeekends));
        assertEquals(Instant.parse("2026-03-06T23:59:59Z"),
                DueDates.loanDue(friday22, rule().loan(4, PeriodUnit.HOURS).closedDays(ClosedDayStrategy.PREVIOUS_OPEN_DAY).build(), closedWeekends));
        assertEquals(Instant.parse("2026-03-07T02:00:00Z"),
                DueDates.loanDue(friday22, rule().loan(4, PeriodUnit.HOURS).closedDays(ClosedDayStrategy.KEEP).build(), closedWeekends));
    }

    @Test
    void endOfDayIsLocalToTheLibraryTimeZone() {
        Library newYork = new Library("NY", "New York", null, ZoneId.of("America/New_York"), Set.of(), Set.of());
        // 03:00Z on 10 March is still 9 March (23:00 EDT) in New York.
        Instant due = DueDates.loanDue(Instant.parse("2026-03-10T03:00:00Z"), rule().build(), newYork);
        assertEquals(Instant.parse("2026-03-24T03:59:59Z"), due);
        Library berlin = new Library("B", "Berlin", null, ZoneId.of("Europe/Berlin"), Set.of(), Set.of());
        // 23:30Z on 2 March is already 3 March in Berlin; the due day ends at 22:59:59Z in winter time.
        assertEquals(Instant.parse("2026-03-17T22:59:59Z"), DueDates.loanDue(Instant.parse("2026-03-02T23:30:00Z"), rule().build(), berlin));
        // Across the change to summer time the due day ends at 21:59:59Z.
        assertEquals(Instant.parse("2026-04-03T21:59:59Z"), DueDates.loanDue(Instant.parse("2026-03-20T09:00:00Z"), rule().build(), berlin));
    }

    @Test
    void closedWeekdayIsJudgedInLocalTime() {
        Library tokyo = new Library("T", "Tokyo", null, ZoneId.of("Asia/Tokyo"), Set.of(DayOfWeek.SUNDAY), Set.of());
        // 2026-03-01T16:00Z is Monday 01:00 in Tokyo; 13 days later is Sunday 15 March local: moves to Monday.
        Instant due = DueDates.loanDue(Instant.parse("2026-03-01T16:00:00Z"), rule().loan(13, PeriodUnit.DAYS).build(), tokyo);
        assertEquals(Instant.parse("2026-03-16T14:59:59Z"), due);
    }

    @Test
    void renewalUsesTheRenewalPeriodOrTheLoanPeriodWhenUnset() {
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        assertEquals(Instant.parse("2026-03-09T23:59:59Z"), DueDates.renewalDue(at, rule().renewals(2, 7).build(), open));
        assertEquals(Instant.parse("2026-03-16T23:59:59Z"), DueDates.renewalDue(at, rule().renewals(2, 0).build(), open));
    }

    @Test
    void aCalendarClosedAllYearKeepsTheComputedDate() {
        Library never = new Library("X", "Never open", null, UTC, EnumSet.allOf(DayOfWeek.class), Set.of());
        assertEquals(Instant.parse("2026-03-16T23:59:59Z"), DueDates.loanDue(Instant.parse("2026-03-02T10:00:00Z"), rule().build(), never));
        CirculationRule prev = rule().closedDays(ClosedDayStrategy.PREVIOUS_OPEN_DAY).build();
        assertEquals(Instant.parse("2026-03-16T23:59:59Z"), DueDates.loanDue(Instant.parse("2026-03-02T10:00:00Z"), prev, never));
    }
}
