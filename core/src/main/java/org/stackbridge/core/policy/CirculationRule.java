package org.stackbridge.core.policy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of the rule table. {@code library}, {@code category} and {@code itemType} are scope keys;
 * {@code null} (written {@code *} in config) means any. The most specific matching rule wins.
 *
 * @param loanPeriod     length of a loan in {@code loanUnit}; 0 means the item type does not circulate
 * @param renewalPeriod  length of a renewal in {@code loanUnit}, from the renewal time
 * @param finePerDay     overdue fine per overdue open day (per hour for hourly loans)
 * @param graceDays      overdue days (hours) free of charge; once exceeded every overdue unit is charged
 * @param fineCap        maximum overdue fine per loan; null for no cap
 * @param overdueNoticeDays days after the due date of the first, second and third overdue notice for loans under this
 *                       rule (ascending, 0 or more); null: the notices' default ({@code notices.overdue-days})
 */
public record CirculationRule(String library, String category, String itemType,
                              int loanPeriod, PeriodUnit loanUnit, int renewalsAllowed, int renewalPeriod,
                              int maxLoans, BigDecimal finePerDay, int graceDays, BigDecimal fineCap,
                              boolean holdsAllowed, int holdShelfDays, ClosedDayStrategy closedDays,
                              String source, List<Integer> overdueNoticeDays) implements Serializable {

    /** A rule without overdue notice days of its own. */
    public CirculationRule(String library, String category, String itemType,
                           int loanPeriod, PeriodUnit loanUnit, int renewalsAllowed, int renewalPeriod,
                           int maxLoans, BigDecimal finePerDay, int graceDays, BigDecimal fineCap,
                           boolean holdsAllowed, int holdShelfDays, ClosedDayStrategy closedDays, String source) {
        this(library, category, itemType, loanPeriod, loanUnit, renewalsAllowed, renewalPeriod, maxLoans, finePerDay, graceDays,
                fineCap, holdsAllowed, holdShelfDays, closedDays, source, null);
    }

    public CirculationRule {
        library = wildcard(library);
        category = wildcard(category);
        itemType = wildcard(itemType);
        loanUnit = loanUnit == null ? PeriodUnit.DAYS : loanUnit;
        finePerDay = finePerDay == null ? BigDecimal.ZERO : finePerDay;
        closedDays = closedDays == null ? ClosedDayStrategy.NEXT_OPEN_DAY : closedDays;
        source = source == null ? "unknown" : source;
        if (loanPeriod < 0 || renewalsAllowed < 0 || renewalPeriod < 0 || maxLoans < 0 || graceDays < 0 || holdShelfDays < 0) {
            throw new IllegalArgumentException("rule values must not be negative");
        }
        if (finePerDay.signum() < 0 || (fineCap != null && fineCap.signum() < 0)) {
            throw new IllegalArgumentException("fines must not be negative");
        }
        if (overdueNoticeDays != null && (overdueNoticeDays.stream().anyMatch(java.util.Objects::isNull)
                || !validOverdueDays(overdueNoticeDays))) {
            throw new IllegalArgumentException("overdue_notice_days: three ascending day counts, 0 or more, e.g. [1, 14, 28]; got "
                    + overdueNoticeDays);
        }
        overdueNoticeDays = overdueNoticeDays == null ? null : List.copyOf(overdueNoticeDays);
    }

    /** Three ascending day counts, 0 or more (the days of overdue notices 1, 2 and 3). */
    public static boolean validOverdueDays(List<Integer> days) {
        return days.size() == 3 && days.get(0) >= 0 && days.get(0) < days.get(1) && days.get(1) < days.get(2);
    }

    /** This rule with other overdue notice days (null: the notices' default). */
    public CirculationRule withOverdueNoticeDays(List<Integer> days) {
        return new CirculationRule(library, category, itemType, loanPeriod, loanUnit, renewalsAllowed, renewalPeriod, maxLoans,
                finePerDay, graceDays, fineCap, holdsAllowed, holdShelfDays, closedDays, source, days);
    }

    private static String wildcard(String key) {
        return key == null || key.isBlank() || key.equals("*") ? null : key;
    }

    /** Number of non-wildcard keys: the rule's specificity. */
    public int specificity() {
        return (library == null ? 0 : 1) + (category == null ? 0 : 1) + (itemType == null ? 0 : 1);
    }

    public boolean matches(String lib, String cat, String type) {
        return (library == null || library.equals(lib)) && (category == null || category.equals(cat))
                && (itemType == null || itemType.equals(type));
    }

    public boolean circulates() {
        return loanPeriod > 0;
    }

    public String scope() {
        return "(" + show(library) + ", " + show(category) + ", " + show(itemType) + ")";
    }

    private static String show(String key) {
        return key == null ? "*" : key;
    }
}
