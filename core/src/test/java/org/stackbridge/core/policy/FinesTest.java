package org.stackbridge.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Library;

/** Due end of Friday 2026-03-06 unless stated. */
class FinesTest {

    private static final Instant DUE = Instant.parse("2026-03-06T23:59:59Z");
    private final Library open = new Library("MAIN", "Main", null, ZoneId.of("UTC"), Set.of(), Set.of());
    private final Library closedSundays = new Library("MAIN", "Main", null, ZoneId.of("UTC"), Set.of(DayOfWeek.SUNDAY), Set.of());
    private final CirculationRule quarterTwoGraceCapFive = rule().fine("0.25", 2, "5.00").build();

    private static Instant daysLate(int days) {
        return DUE.plusSeconds(86_400L * days - 3600);
    }

    @Test
    void noFineWhenReturnedOnTime() {
        assertEquals(BigDecimal.ZERO, Fines.overdueFine(DUE, DUE, quarterTwoGraceCapFive, open));
        assertEquals(BigDecimal.ZERO, Fines.overdueFine(DUE, DUE.minusSeconds(86_400), quarterTwoGraceCapFive, open));
    }

    @Test
    void noFineWithinGrace() {
        assertEquals(BigDecimal.ZERO, Fines.overdueFine(DUE, daysLate(1), quarterTwoGraceCapFive, open));
        assertEquals(BigDecimal.ZERO, Fines.overdueFine(DUE, daysLate(2), quarterTwoGraceCapFive, open));
    }

    @Test
    void pastGraceEveryOverdueDayIsCharged() {
        assertEquals(new BigDecimal("0.75"), Fines.overdueFine(DUE, daysLate(3), quarterTwoGraceCapFive, open));
        assertEquals(new BigDecimal("2.50"), Fines.overdueFine(DUE, daysLate(10), quarterTwoGraceCapFive, open));
    }

    @Test
    void fineStopsAtTheCap() {
        assertEquals(new BigDecimal("5.00"), Fines.overdueFine(DUE, daysLate(20), quarterTwoGraceCapFive, open));
        assertEquals(new BigDecimal("5.00"), Fines.overdueFine(DUE, daysLate(400), quarterTwoGraceCapFive, open));
    }

    @Test
    void noCapMeansTheFullFine() {
        CirculationRule r = rule().fine("0.10", 0, null).build();
        assertEquals(new BigDecimal("10.00"), Fines.overdueFine(DUE, daysLate(100), r, open));
    }

    @Test
    void zeroFineRateChargesNothing() {
        assertEquals(BigDecimal.ZERO, Fines.overdueFine(DUE, daysLate(30), rule().fine("0", 0, null).build(), open));
    }

    @Test
    void closedDaysAreNotCounted() {
        CirculationRule r = rule().fine("1.00", 0, null).build();
        // Saturday and Monday count, Sunday does not.
        assertEquals(new BigDecimal("2.00"), Fines.overdueFine(DUE, Instant.parse("2026-03-09T10:00:00Z"), r, closedSundays));
        Library holiday = closedSundays.withClosedDates(Set.of(LocalDate.of(2026, 3, 9)));
        assertEquals(new BigDecimal("1.00"), Fines.overdueFine(DUE, Instant.parse("2026-03-09T10:00:00Z"), r, holiday));
        assertEquals(2, DueDates.overdueUnits(DUE, Instant.parse("2026-03-10T10:00:00Z"), r, holiday));
    }

    @Test
    void closedDaysDoNotCountTowardsGrace() {
        CirculationRule r = rule().fine("1.00", 2, null).build();
        // Sat, (Sun closed), Mon: two open days, still within grace.
        assertEquals(BigDecimal.ZERO, Fines.overdueFine(DUE, Instant.parse("2026-03-09T10:00:00Z"), r, closedSundays));
        assertEquals(new BigDecimal("3.00"), Fines.overdueFine(DUE, Instant.parse("2026-03-10T10:00:00Z"), r, closedSundays));
    }

    @Test
    void overdueDaysAreCountedInTheLibraryTimeZone() {
        Library newYork = new Library("NY", "New York", null, ZoneId.of("America/New_York"), Set.of(), Set.of());
        Instant due = DueDates.endOf(LocalDate.of(2026, 3, 16), newYork);
        CirculationRule r = rule().fine("1.00", 0, null).build();
        // 02:00Z on 18 March is still 17 March in New York: one day late, not two.
        assertEquals(new BigDecimal("1.00"), Fines.overdueFine(due, Instant.parse("2026-03-18T02:00:00Z"), r, newYork));
    }

    @Test
    void hourlyLoansAreFinedPerStartedHourAfterGrace() {
        CirculationRule r = rule().loan(4, PeriodUnit.HOURS).fine("0.50", 1, "3.00").build();
        Instant due = Instant.parse("2026-03-02T12:00:00Z");
        assertEquals(BigDecimal.ZERO, Fines.overdueFine(due, Instant.parse("2026-03-02T12:45:00Z"), r, open));
        assertEquals(new BigDecimal("1.50"), Fines.overdueFine(due, Instant.parse("2026-03-02T14:30:00Z"), r, open));
        assertEquals(new BigDecimal("3.00"), Fines.overdueFine(due, Instant.parse("2026-03-03T14:30:00Z"), r, open));
    }

    @Test
    void hourlyFinesSkipHoursOnClosedDays() {
        CirculationRule r = rule().loan(4, PeriodUnit.HOURS).fine("0.10", 0, null).build();
        Instant saturdayNoon = Instant.parse("2026-03-07T12:00:00Z");
        // 48 hours elapsed, the 24 of closed Sunday are not counted.
        assertEquals(24, DueDates.overdueUnits(saturdayNoon, Instant.parse("2026-03-09T12:00:00Z"), r, closedSundays));
        assertEquals(new BigDecimal("2.40"), Fines.overdueFine(saturdayNoon, Instant.parse("2026-03-09T12:00:00Z"), r, closedSundays));
    }

    @Test
    void fineHasScaleTwo() {
        CirculationRule r = rule().fine("0.333", 0, null).build();
        assertEquals(new BigDecimal("1.00"), Fines.overdueFine(DUE, daysLate(3), r, open));
    }
}
