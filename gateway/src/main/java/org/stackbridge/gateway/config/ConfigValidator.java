package org.stackbridge.gateway.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.security.SecretHasher;

/** Checks what binding cannot: codes, references, ranges, formats. */
final class ConfigValidator {

    /** Listener settings that bind but are refused: the address and ports live under {@code listeners}. */
    public static final java.util.List<String> REFUSED_KEYS = java.util.List.of("sip2.host", "sip2.port", "z3950.host", "z3950.port");

    private final String file;
    private final Map<String, Integer> lines;

    ConfigValidator(String file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    void validate(GatewayConfig c) {
        c.membershipPeriods().forEach((category, period) -> {
            if (!c.patronCategories().contains(category)) {
                fail("membership-periods." + category, "unknown patron category " + category);
            }
            try {
                if (java.time.Period.parse(period).isNegative() || java.time.Period.parse(period).isZero()) {
                    fail("membership-periods." + category, "must be a positive period");
                }
            } catch (java.time.format.DateTimeParseException e) {
                fail("membership-periods." + category, "not an ISO-8601 period (e.g. P1Y, P6M): " + period);
            }
        });
        try {
            Currency.getInstance(c.engine().currency());
        } catch (IllegalArgumentException e) {
            fail("engine.currency", "not an ISO 4217 currency code: " + c.engine().currency());
        }
        if (c.engine().feeLimit().signum() < 0) {
            fail("engine.fee-limit", "must not be negative");
        }
        if (c.engine().cardReplacementFee().signum() < 0 || c.engine().cardReplacementFee().scale() > 2) {
            fail("engine.card-replacement-fee", "must be 0 (none) or a positive amount with at most two decimals");
        }
        if (c.engine().maxOverdue() < 0) {
            fail("engine.max-overdue", "must not be negative");
        }
        if (c.engine().maintenanceMinutes() < 0 || c.engine().maintenanceMinutes() > 1440) {
            fail("engine.maintenance-minutes", "must be between 0 (off) and 1440");
        }
        if (c.engine().pinCacheMinutes() < 0 || c.engine().pinCacheMinutes() > 1440) {
            fail("engine.pin-cache-minutes", "must be between 0 (off) and 1440");
        }
        if (c.engine().pinCacheEntries() < 1 || c.engine().pinCacheEntries() > 10_000_000) {
            fail("engine.pin-cache-entries", "must be between 1 and 10000000");
        }
        if (c.engine().pinMaxFailures() < 0 || c.engine().pinMaxFailures() > 1000) {
            fail("engine.pin-max-failures", "must be between 0 (never lock) and 1000");
        }
        if (c.engine().settingsRefreshSeconds() < 0 || c.engine().settingsRefreshSeconds() > 3600) {
            fail("engine.settings-refresh-seconds", "must be between 0 and 3600");
        }
        if (c.engine().pinLockMinutes() < 1 || c.engine().pinLockMinutes() > 1440) {
            fail("engine.pin-lock-minutes", "must be between 1 and 1440");
        }
        port("listeners.http-port", c.listeners().httpPort());
        port("listeners.sip2-port", c.listeners().sip2Port());
        port("listeners.z3950-port", c.listeners().z3950Port());
        if (c.listeners().proxyProtocol()) {
            try {
                c.listeners().proxyProtocolPolicy();
            } catch (IllegalArgumentException e) {
                fail("listeners.proxy-protocol-from", e.getMessage());
            }
        }
        if (c.database().poolSize() < 1 || c.database().poolSize() > 200) {
            fail("database.pool-size", "must be between 1 and 200");
        }
        if (c.database().maxBatch() < 1 || c.database().maxBatch() > 1024) {
            fail("database.max-batch", "must be between 1 and 1024");
        }
        if (c.database().writers() < 1 || c.database().writers() > JdbcSettings.MAX_WRITERS) {
            fail("database.writers", "must be between 1 and " + JdbcSettings.MAX_WRITERS);
        }
        if (c.database().circuitBreaker().failureThreshold() < 1 || c.database().circuitBreaker().failureThreshold() > 1000) {
            fail("database.circuit-breaker.failure-threshold", "must be between 1 and 1000");
        }
        if (c.database().circuitBreaker().openSeconds() < 1 || c.database().circuitBreaker().openSeconds() > 3600) {
            fail("database.circuit-breaker.open-seconds", "must be between 1 and 3600");
        }
        if (!c.database().embedded() && !c.database().url().startsWith("jdbc:postgresql:") && !c.database().url().startsWith("jdbc:h2:")) {
            fail("database.url", "only jdbc:postgresql: and jdbc:h2: URLs are supported");
        }
        for (Map.Entry<String, GatewayConfig.Target> e : c.federation().targets().entrySet()) {
            String key = "federation.targets." + e.getKey();
            GatewayConfig.Target t = e.getValue();
            if (t == null) {
                fail(key, "empty target");
            } else if (t.type().equals("z3950")) {
                if (t.host() == null || t.host().isBlank()) {
                    fail(key + ".host", "a z3950 target needs a host");
                }
                port(key + ".port", t.port());
            } else if (t.type().equals("sru")) {
                if (t.url() == null || !(t.url().startsWith("http://") || t.url().startsWith("https://"))) {
                    fail(key + ".url", "an sru target needs an http(s) url");
                }
            } else {
                fail(key + ".type", "must be z3950 or sru");
            }
            if (t != null && (t.timeoutSeconds() < 1 || t.timeoutSeconds() > 300)) {
                fail(key + ".timeout-seconds", "must be between 1 and 300");
            }
        }
        String staffProblem = c.staffApi().problem();
        if (staffProblem != null) {
            int colon = staffProblem.indexOf(':');
            fail("staff-api." + staffProblem.substring(0, colon), staffProblem.substring(colon + 2));
        }
        if (c.reports().maxRangeDays() < 1 || c.reports().maxRangeDays() > 3660) {
            fail("reports.max-range-days", "must be between 1 and 3660");
        }
        if (c.circulation().anonymiseLoanHistoryAfterDays() < 0 || c.circulation().anonymiseLoanHistoryAfterDays() > 36_500) {
            fail("circulation.anonymise-loan-history-after-days", "must be between 0 (off) and 36500");
        }
        String consoleProblem = c.staffConsole().problem();
        if (consoleProblem != null) {
            int colon = consoleProblem.indexOf(':');
            fail("staff-console." + consoleProblem.substring(0, colon), consoleProblem.substring(colon + 2));
        }
        if (org.stackbridge.core.policy.ItemStatusSettings.LostItemReturn.parse(c.items().lostItemReturn()).isEmpty()) {
            fail("items.lost-item-return", "must be refund-replacement, refund-all or none");
        } else {
            String itemsProblem = c.items().settings().problem();
            if (itemsProblem != null) {
                int colon = itemsProblem.indexOf(':');
                fail("items." + itemsProblem.substring(0, colon), itemsProblem.substring(colon + 2));
            }
        }
        String noticesProblem = c.notices().problem();
        if (noticesProblem != null) {
            int colon = noticesProblem.indexOf(':');
            fail("notices." + noticesProblem.substring(0, colon), noticesProblem.substring(colon + 2));
        }
        String importsProblem = c.imports().problem();
        if (importsProblem != null) {
            int colon = importsProblem.indexOf(':');
            fail("imports." + importsProblem.substring(0, colon), importsProblem.substring(colon + 2));
        }
        if (c.security().hashIterations() < 1_000) {
            fail("security.hash-iterations", "must be at least 1000");
        }
        for (String key : REFUSED_KEYS) {
            if (lines.containsKey(key)) {
                String section = key.substring(0, key.indexOf('.'));
                fail(key, "set listeners.bind and listeners." + section + "-port instead");
            }
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < c.libraries().size(); i++) {
            GatewayConfig.LibraryConfig l = c.libraries().get(i);
            String k = "libraries[" + i + "]";
            if (l.code() == null || l.code().isBlank()) {
                fail(k + ".code", "required");
            }
            if (!codes.add(l.code())) {
                fail(k + ".code", "duplicate library code " + l.code());
            }
            if (l.name() == null || l.name().isBlank()) {
                fail(k + ".name", "required");
            }
            if (l.timezone() != null) {
                try {
                    ZoneId.of(l.timezone());
                } catch (DateTimeException e) {
                    fail(k + ".timezone", "unknown time zone " + l.timezone());
                }
            }
            for (int j = 0; j < l.closedWeekdays().size(); j++) {
                try {
                    DayOfWeek.valueOf(l.closedWeekdays().get(j).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    fail(k + ".closed-weekdays[" + j + "]", "not a day of the week: " + l.closedWeekdays().get(j));
                }
            }
            for (int j = 0; j < l.closedDates().size(); j++) {
                try {
                    LocalDate.parse(l.closedDates().get(j));
                } catch (DateTimeException e) {
                    fail(k + ".closed-dates[" + j + "]", "not a date (YYYY-MM-DD): " + l.closedDates().get(j));
                }
            }
            if (!l.backend().equals("embedded")) {
                fail(k + ".backend", "unknown backend " + l.backend() + " (only 'embedded' exists today)");
            }
        }
        Set<String> institutions = new HashSet<>();
        for (GatewayConfig.LibraryConfig l : c.libraries()) {
            institutions.add(l.institution() == null || l.institution().isBlank() ? l.code() : l.institution());
        }
        for (int i = 0; i < c.libraries().size(); i++) {
            GatewayConfig.LibraryConfig l = c.libraries().get(i);
            if (l.institution() != null && !l.institution().isBlank() && !codes.contains(l.institution())) {
                fail("libraries[" + i + "].institution", "institution " + l.institution() + " is not a library code listed here");
            }
        }
        Set<String> logins = new HashSet<>();
        for (int i = 0; i < c.sip2Accounts().size(); i++) {
            GatewayConfig.AccountConfig a = c.sip2Accounts().get(i);
            String k = "sip2-accounts[" + i + "]";
            if (a.login() == null || a.login().isBlank()) {
                fail(k + ".login", "required");
            }
            if (!logins.add(a.login())) {
                fail(k + ".login", "duplicate login " + a.login());
            }
            if (!SecretHasher.isHash(a.passwordHash())) {
                fail(k + ".password-hash", "must be a pbkdf2-sha256 hash; make one with: bin/stackbridge hash");
            }
            if (a.institution() == null || !institutions.contains(a.institution()) && !c.libraries().isEmpty()) {
                fail(k + ".institution", "unknown institution " + a.institution());
            }
        }
        for (int i = 0; i < c.policies().size(); i++) {
            GatewayConfig.RuleConfig r = c.policies().get(i);
            String k = "policies[" + i + "]";
            if (r.loanUnit() != null) {
                try {
                    PeriodUnit.valueOf(r.loanUnit().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    fail(k + ".loan-unit", "must be days or hours");
                }
            }
            if (r.closedDays() != null) {
                try {
                    ClosedDayStrategy.valueOf(r.closedDays().toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    fail(k + ".closed-days", "must be keep, next-open-day or previous-open-day");
                }
            }
            nonNegative(k + ".loan-period", r.loanPeriod());
            nonNegative(k + ".renewals", r.renewals());
            nonNegative(k + ".renewal-period", r.renewalPeriod());
            nonNegative(k + ".max-loans", r.maxLoans());
            nonNegative(k + ".grace-days", r.graceDays());
            nonNegative(k + ".hold-shelf-days", r.holdShelfDays());
            if (r.finePerDay() != null && r.finePerDay().signum() < 0) {
                fail(k + ".fine-per-day", "must not be negative");
            }
            if (r.overdueNoticeDays() != null && (r.overdueNoticeDays().stream().anyMatch(java.util.Objects::isNull)
                    || !org.stackbridge.core.policy.CirculationRule.validOverdueDays(r.overdueNoticeDays()))) {
                fail(k + ".overdue-notice-days", "three ascending day counts, 0 or more, e.g. [1, 14, 28]");
            }
            if (r.library() != null && !r.library().equals("*") && !codes.contains(r.library()) && !c.libraries().isEmpty()) {
                fail(k + ".library", "unknown library " + r.library());
            }
            if (r.category() != null && !r.category().equals("*") && !c.patronCategories().contains(r.category())) {
                fail(k + ".category", "unknown patron category " + r.category());
            }
            if (r.itemType() != null && !r.itemType().equals("*") && !c.itemTypes().contains(r.itemType())) {
                fail(k + ".item-type", "unknown item type " + r.itemType());
            }
        }
    }

    private void nonNegative(String key, Integer v) {
        if (v != null && v < 0) {
            fail(key, "must not be negative");
        }
    }

    private void port(String key, int port) {
        if (port < 0 || port > 65535) {
            fail(key, "must be a TCP port 0-65535");
        }
    }

    private void fail(String key, String problem) {
        throw new ConfigException(file, line(key), key, problem);
    }

    private int line(String key) {
        String k = key;
        while (true) {
            Integer l = lines.get(k);
            if (l != null) {
                return l;
            }
            int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
            if (cut <= 0) {
                return 0;
            }
            k = k.substring(0, cut);
        }
    }
}
