package org.stackbridge.core.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.stackbridge.core.model.Library;

/** Due-date arithmetic with the library calendar. Daily loans fall due at 23:59:59 local time. */
public final class DueDates {

    private static final int MAX_CALENDAR_SCAN_DAYS = 366;

    private DueDates() {
    }

    public static Instant loanDue(Instant from, CirculationRule rule, Library library) {
        return due(from, rule.loanPeriod(), rule, library);
    }

    public static Instant renewalDue(Instant from, CirculationRule rule, Library library) {
        int period = rule.renewalPeriod() > 0 ? rule.renewalPeriod() : rule.loanPeriod();
        return due(from, period, rule, library);
    }

    private static Instant due(Instant from, int period, CirculationRule rule, Library library) {
        ZonedDateTime start = from.atZone(library.zone());
        if (rule.loanUnit() == PeriodUnit.HOURS) {
            ZonedDateTime due = start.plusHours(period);
            if (library.isOpen(due.toLocalDate()) || rule.closedDays() == ClosedDayStrategy.KEEP) {
                return due.toInstant();
            }
            return endOf(shift(due.toLocalDate(), start.toLocalDate(), rule.closedDays(), library), library);
        }
        LocalDate day = start.toLocalDate().plusDays(period);
        if (!library.isOpen(day) && rule.closedDays() != ClosedDayStrategy.KEEP) {
            day = shift(day, start.toLocalDate(), rule.closedDays(), library);
        }
        return endOf(day, library);
    }

    private static LocalDate shift(LocalDate day, LocalDate loanStart, ClosedDayStrategy strategy, Library library) {
        if (strategy == ClosedDayStrategy.PREVIOUS_OPEN_DAY) {
            LocalDate previous = scan(day, -1, library);
            // Never due before the loan began (e.g. self-check on a closed day): use the next open day instead.
            if (!previous.isBefore(loanStart) && library.isOpen(previous)) {
                return previous;
            }
        }
        return scan(day, 1, library);
    }

    private static LocalDate scan(LocalDate day, int step, Library library) {
        LocalDate d = day;
        for (int i = 0; i < MAX_CALENDAR_SCAN_DAYS; i++) {
            if (library.isOpen(d)) {
                return d;
            }
            d = d.plusDays(step);
        }
        return day; // calendar closed all year: keep the date rather than loop
    }

    public static Instant endOf(LocalDate day, Library library) {
        return day.atTime(LocalTime.of(23, 59, 59)).atZone(library.zone()).toInstant();
    }

    /** Open days (or started hours for hourly rules) between due and returned, counting only days the library is open. */
    public static long overdueUnits(Instant due, Instant returned, CirculationRule rule, Library library) {
        if (!returned.isAfter(due)) {
            return 0;
        }
        if (rule.loanUnit() == PeriodUnit.HOURS) {
            return (openMinutes(due, returned, library) + 59) / 60;
        }
        LocalDate from = due.atZone(library.zone()).toLocalDate().plusDays(1);
        LocalDate to = returned.atZone(library.zone()).toLocalDate();
        long units = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (library.isOpen(d)) {
                units++;
            }
        }
        return units;
    }

    /** Minutes of [from, to) that fall on days the library is open, in its time zone. */
    private static long openMinutes(Instant from, Instant to, Library library) {
        long minutes = 0;
        LocalDate last = to.atZone(library.zone()).toLocalDate();
        for (LocalDate d = from.atZone(library.zone()).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            if (!library.isOpen(d)) {
                continue;
            }
            Instant dayStart = d.atStartOfDay(library.zone()).toInstant();
            Instant dayEnd = d.plusDays(1).atStartOfDay(library.zone()).toInstant();
            Instant a = from.isAfter(dayStart) ? from : dayStart;
            Instant b = to.isBefore(dayEnd) ? to : dayEnd;
            if (b.isAfter(a)) {
                minutes += ChronoUnit.MINUTES.between(a, b);
            }
        }
        return minutes;
    }
}
