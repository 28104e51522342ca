package org.stackbridge.gateway.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;

/** Turns validated config entries into core values. */
public final class ConfigMapping {

    private ConfigMapping() {
    }

    public static Library library(GatewayConfig.LibraryConfig l) {
        Set<DayOfWeek> weekdays = l.closedWeekdays().stream().map(d -> DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        Set<LocalDate> dates = l.closedDates().stream().map(LocalDate::parse).collect(Collectors.toSet());
        return new Library(l.code(), l.name(), l.institution(), l.timezone() == null ? ZoneId.of("UTC") : ZoneId.of(l.timezone()),
                weekdays, dates);
    }

    public static TerminalAccount account(GatewayConfig.AccountConfig a) {
        return new TerminalAccount(a.login(), a.passwordHash(), a.institution(), a.profile());
    }

    /**
     * A rule from the config; a setting the entry leaves out is taken from {@code base} (the config's
     * (*, *, *) rule, or the built-in default), so a narrow rule need only say what differs.
     */
    public static CirculationRule rule(GatewayConfig.RuleConfig r, String source, CirculationRule base) {
        return new CirculationRule(r.library(), r.category(), r.itemType(),
                r.loanPeriod() == null ? base.loanPeriod() : r.loanPeriod(),
                r.loanUnit() == null ? base.loanUnit() : PeriodUnit.valueOf(r.loanUnit().toUpperCase(Locale.ROOT)),
                r.renewals() == null ? base.renewalsAllowed() : r.renewals(),
                r.renewalPeriod() == null ? (r.loanPeriod() == null ? base.renewalPeriod() : 0) : r.renewalPeriod(),
                r.maxLoans() == null ? base.maxLoans() : r.maxLoans(),
                r.finePerDay() == null ? base.finePerDay() : r.finePerDay(),
                r.graceDays() == null ? base.graceDays() : r.graceDays(),
                r.fineCap() == null ? base.fineCap() : r.fineCap(),
                r.holdsAllowed() == null ? base.holdsAllowed() : r.holdsAllowed(),
                r.holdShelfDays() == null ? base.holdShelfDays() : r.holdShelfDays(),
                r.closedDays() == null ? base.closedDays()
                        : ClosedDayStrategy.valueOf(r.closedDays().toUpperCase(Locale.ROOT).replace('-', '_')),
                source, r.overdueNoticeDays() == null ? base.overdueNoticeDays() : r.overdueNoticeDays());
    }

    /** The patron categories and their membership periods, as the engine checks and renews them. */
    public static org.stackbridge.core.policy.MembershipPolicy membership(GatewayConfig c) {
        java.util.Map<String, java.time.Period> periods = new java.util.HashMap<>();
        c.membershipPeriods().forEach((category, period) -> periods.put(category, java.time.Period.parse(period)));
        return new org.stackbridge.core.policy.MembershipPolicy(java.util.Set.copyOf(c.patronCategories()), periods);
    }
}
