package org.stackbridge.core.policy;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One line of the rule table. {@code library}, {@code category} and {@code itemType} are scope keys;
 * {@code null} (written {@code *} in config) means any. The most specific matching rule wins.
 *
 * @param loanPeriod     length of a loan in {@code loanUnit}; 0 means the item type does not circulate
 * @param renewalPeriod  length of a renewal in {@code loanUnit}, from the renewal time
 * @param finePerDay     overdue fine per overdue open day (per hour for hourly loans)
 * @param graceDays      overdue days (hours) free of charge; once exceeded every overdue unit is charged
 * @param fineCap        maximum overdue fine per loan; null for no cap
 */
public record CirculationRule(String library, String category, String itemType,
                              int loanPeriod, PeriodUnit loanUnit, int renewalsAllowed, int renewalPeriod,
                              int maxLoans, BigDecimal finePerDay, int graceDays, BigDecimal fineCap,
                              boolean holdsAllowed, int holdShelfDays, ClosedDayStrategy closedDays,
                              String source) implements Serializable {

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
