package org.stackbridge.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.testing.SeededCases;

/** Due dates and fines over random calendars, zones and rules. Reproduce with -Dsb.seed=&lt;base&gt;. */
class PolicyPropertyTest {

    private static final long BASE_SEED = SeededCases.BASE_SEED;
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Auckland"), ZoneId.of("America/St_Johns"));

    private static Library randomLibrary(Random r) {
        Set<DayOfWeek> closed = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (r.nextInt(4) == 0) {
                closed.add(d);
            }
        }
        if (closed.size() == 7) {
            closed.remove(DayOfWeek.WEDNESDAY);
        }
        Set<LocalDate> dates = new HashSet<>();
        for (int i = r.nextInt(20); i > 0; i--) {
            dates.add(LocalDate.of(2026, 1, 1).plusDays(r.nextInt(420)));
        }
        return new Library("L", "L", null, ZONES.get(r.nextInt(ZONES.size())), closed, dates);
    }

    private static CirculationRule randomRule(Random r, ClosedDayStrategy strategy) {
        boolean hourly = r.nextInt(3) == 0;
        return rule().loan(hourly ? 1 + r.nextInt(72) : 1 + r.nextInt(60), hourly ? PeriodUnit.HOURS : PeriodUnit.DAYS)
                .fine(BigDecimal.valueOf(1 + r.nextInt(200), 2).toPlainString(), r.nextInt(4),
                        r.nextBoolean() ? null : BigDecimal.valueOf(100 + r.nextInt(2000), 2).toPlainString())
                .closedDays(strategy).build();
    }

    @Test
    void dueDatesFallOnOpenDaysAndNeverBeforeTheLoan() {
        SeededCases.run("PolicyPropertyTest.dueDatesFallOnOpenDaysAndNeverBeforeTheLoan", BASE_SEED, 300, this::dueDatesFallOnOpenDaysAndNeverBeforeTheLoanCase);
    }

    private void dueDatesFallOnOpenDaysAndNeverBeforeTheLoanCase(long seed) {
        Random r = new Random(seed);
        Library lib = randomLibrary(r);
        Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextInt(300 * 86_400));
        ClosedDayStrategy strategy = ClosedDayStrategy.values()[r.nextInt(3)];
        CirculationRule rule = randomRule(r, strategy);
        Instant due = DueDates.loanDue(start, rule, lib);
        Instant nominal = DueDates.loanDue(start, rule().loan(rule.loanPeriod(), rule.loanUnit()).closedDays(ClosedDayStrategy.KEEP).build(), lib);
        LocalDate dueDay = due.atZone(lib.zone()).toLocalDate();
        String where = "seed=" + seed + " start=" + start + " rule=" + rule.loanPeriod() + rule.loanUnit() + " " + strategy
                + " lib=" + lib.zone() + lib.closedWeekdays() + " due=" + due + " nominal=" + nominal;
        assertTrue(due.isAfter(start), where);
        if (strategy == ClosedDayStrategy.KEEP) {
            assertEquals(nominal, due, where);
        } else {
            assertTrue(lib.isOpen(dueDay), where);
        }
        if (strategy == ClosedDayStrategy.NEXT_OPEN_DAY) {
            assertTrue(!due.isBefore(nominal), where);
        }
        if (!due.equals(nominal) || rule.loanUnit() == PeriodUnit.DAYS) {
            assertEquals(LocalTime.of(23, 59, 59), due.atZone(lib.zone()).toLocalTime(), where);
        }
    }

    @Test
    void finesGrowWithLatenessStayWithinTheCapAndSpareTheGrace() {
        SeededCases.run("PolicyPropertyTest.finesGrowWithLatenessStayWithinTheCapAndSpareTheGrace", BASE_SEED + 500, 300, this::finesGrowWithLatenessStayWithinTheCapAndSpareTheGraceCase);
    }

    private void finesGrowWithLatenessStayWithinTheCapAndSpareTheGraceCase(long seed) {
        Random r = new Random(seed);
        Library lib = randomLibrary(r);
        CirculationRule rule = randomRule(r, ClosedDayStrategy.NEXT_OPEN_DAY);
        Instant due = DueDates.loanDue(Instant.parse("2026-02-01T09:00:00Z").plusSeconds(r.nextInt(60 * 86_400)), rule, lib);
        BigDecimal previous = BigDecimal.ZERO;
        Instant returned = due;
        for (int i = 0; i < 40; i++) {
            returned = returned.plusSeconds(r.nextInt(rule.loanUnit() == PeriodUnit.HOURS ? 7200 : 3 * 86_400));
            BigDecimal fine = Fines.overdueFine(due, returned, rule, lib);
            long units = DueDates.overdueUnits(due, returned, rule, lib);
            String where = "seed=" + seed + " due=" + due + " returned=" + returned + " units=" + units + " fine=" + fine;
            assertTrue(fine.compareTo(previous) >= 0, where + " fell from " + previous);
            assertTrue(fine.signum() >= 0, where);
            if (rule.fineCap() != null) {
                assertTrue(fine.compareTo(rule.fineCap()) <= 0, where);
            }
            if (units <= rule.graceDays()) {
                assertEquals(0, fine.signum(), where);
            } else if (rule.fineCap() == null || fine.compareTo(rule.fineCap()) < 0) {
                assertEquals(0, rule.finePerDay().multiply(BigDecimal.valueOf(units)).compareTo(fine), where);
            }
            previous = fine;
        }
    }
}
