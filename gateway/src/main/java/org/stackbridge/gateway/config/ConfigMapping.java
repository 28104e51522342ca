package org.stackbridge.gateway.config;

import java.math.BigDecimal;
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

    public static CirculationRule rule(GatewayConfig.RuleConfig r, String source) {
        return new CirculationRule(r.library(), r.category(), r.itemType(),
                r.loanPeriod() == null ? 14 : r.loanPeriod(),
                r.loanUnit() == null ? PeriodUnit.DAYS : PeriodUnit.valueOf(r.loanUnit().toUpperCase(Locale.ROOT)),
                r.renewals() == null ? 2 : r.renewals(),
                r.renewalPeriod() == null ? 0 : r.renewalPeriod(),
                r.maxLoans() == null ? 0 : r.maxLoans(),
                r.finePerDay() == null ? BigDecimal.ZERO : r.finePerDay(),
                r.graceDays() == null ? 0 : r.graceDays(),
                r.fineCap(),
                r.holdsAllowed() == null || r.holdsAllowed(),
                r.holdShelfDays() == null ? 7 : r.holdShelfDays(),
                r.closedDays() == null ? ClosedDayStrategy.NEXT_OPEN_DAY
                        : ClosedDayStrategy.valueOf(r.closedDays().toUpperCase(Locale.ROOT).replace('-', '_')),
                source);
    }
}
