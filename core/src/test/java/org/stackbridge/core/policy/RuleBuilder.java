package org.stackbridge.core.policy;

import java.math.BigDecimal;

/** Test helper: a circulation rule with readable defaults, changed one value at a time. */
public final class RuleBuilder {

    private String library;
    private String category;
    private String itemType;
    private int loanPeriod = 14;
    private PeriodUnit unit = PeriodUnit.DAYS;
    private int renewalsAllowed = 2;
    private int renewalPeriod = 14;
    private int maxLoans = 10;
    private BigDecimal finePerDay = new BigDecimal("0.25");
    private int graceDays = 2;
    private BigDecimal fineCap = new BigDecimal("5.00");
    private boolean holdsAllowed = true;
    private int holdShelfDays = 7;
    private ClosedDayStrategy closedDays = ClosedDayStrategy.NEXT_OPEN_DAY;
    private String source = "test";

    private RuleBuilder() {
    }

    public static RuleBuilder rule() {
        return new RuleBuilder();
    }

    public RuleBuilder scope(String lib, String cat, String type) {
        library = lib;
        category = cat;
        itemType = type;
        return this;
    }

    public RuleBuilder loan(int period, PeriodUnit u) {
        loanPeriod = period;
        unit = u;
        return this;
    }

    public RuleBuilder renewals(int allowed, int period) {
        renewalsAllowed = allowed;
        renewalPeriod = period;
        return this;
    }

    public RuleBuilder maxLoans(int n) {
        maxLoans = n;
        return this;
    }

    public RuleBuilder fine(String perDay, int grace, String cap) {
        finePerDay = new BigDecimal(perDay);
        graceDays = grace;
        fineCap = cap == null ? null : new BigDecimal(cap);
        return this;
    }

    public RuleBuilder holds(boolean allowed, int shelfDays) {
        holdsAllowed = allowed;
        holdShelfDays = shelfDays;
        return this;
    }

    public RuleBuilder closedDays(ClosedDayStrategy strategy) {
        closedDays = strategy;
        return this;
    }

    public RuleBuilder source(String s) {
        source = s;
        return this;
    }

    public CirculationRule build() {
        return new CirculationRule(library, category, itemType, loanPeriod, unit, renewalsAllowed, renewalPeriod, maxLoans,
                finePerDay, graceDays, fineCap, holdsAllowed, holdShelfDays, closedDays, source);
    }
}
