package org.stackbridge.staff.resource;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of administration request fields, collected in a {@link Fields} so one 400 names every invalid field. */
final class AdminInput {

    static final int MAX_CODE = 64;
    static final int MAX_NAME = 255;
    static final int MAX_PASSWORD = 1024;
    static final int MIN_STAFF_PASSWORD = 8;
    static final int MAX_CLOSED_DATES = 1000;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    final Fields fields = new Fields();

    /** A code (library, category, item type, login): letters, digits, {@code _ . -}, at most 64 characters. */
    String code(String name, String value, boolean required) {
        if (value == null) {
            if (required) {
                fields.error(name, "required");
            }
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_CODE || !CODE.matcher(value).matches()) {
            fields.error(name, "must be 1-" + MAX_CODE + " letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return value;
    }

    /**
     * Overdue notice days of a rule: three ascending day counts from 0 to {@code max} (kept as given); an empty list
     * (back to the notices' default) and null (unchanged) pass as they are.
     */
    List<Integer> overdueDays(String name, List<Integer> value, int max) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.size() != 3 || value.stream().anyMatch(d -> d == null || d < 0 || d > max)
                || !(value.get(0) < value.get(1) && value.get(1) < value.get(2))) {
            fields.error(name, "must be three ascending day counts from 0 to " + max + ", e.g. [1, 14, 28], or [] for the default");
            return null;
        }
        return value;
    }

    /** A scope key of a rule: a code or {@code *}; absent is {@code *}. */
    String scopeKey(String name, String value) {
        if (value == null || value.equals("*")) {
            return null;
        }
        return code(name, value, true);
    }

    /** Free text (a name, a description) without control characters; stored as text, never interpreted as HTML. */
    String text(String name, String value, boolean required) {
        if (value == null && !required) {
            return null;
        }
        return fields.required(name, value, MAX_NAME);
    }

    String password(String name, String value, boolean required, int minLength) {
        if (value == null && !required) {
            return null;
        }
        if (value == null || value.isEmpty()) {
            fields.error(name, "required");
        } else if (value.length() < minLength) {
            fields.error(name, "must be at least " + minLength + " characters");
        } else if (value.length() > MAX_PASSWORD) {
            fields.error(name, "must be at most " + MAX_PASSWORD + " characters");
        }
        return value;
    }

    String timezone(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            fields.error(name, "must be a time zone id such as Europe/Paris or UTC");
            return null;
        }
    }

    Set<DayOfWeek> weekdays(String name, List<String> values) {
        if (values == null) {
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String v : values) {
            try {
                days.add(DayOfWeek.valueOf(String.valueOf(v).trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                fields.error(name, "must list days of the week (MONDAY ... SUNDAY); got " + v);
                return null;
            }
        }
        return days;
    }

    Set<LocalDate> dates(String name, List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() > MAX_CLOSED_DATES) {
            fields.error(name, "at most " + MAX_CLOSED_DATES + " dates");
            return null;
        }
        Set<LocalDate> days = new HashSet<>();
        for (String v : values) {
            try {
                days.add(LocalDate.parse(String.valueOf(v)));
            } catch (DateTimeParseException e) {
                fields.error(name, "must list dates as YYYY-MM-DD; got " + v);
                return null;
            }
        }
        return days;
    }

    Integer count(String name, Integer value, int max) {
        if (value != null && (value < 0 || value > max)) {
            fields.error(name, "must be 0-" + max);
        }
        return value;
    }

    /** Money as JSON carries it: {@code {"amount": "1.25", "currency": "USD"}}. */
    public record MoneyInput(String amount, String currency) {
    }

    /** An amount from 0 to 99999.99 with at most two decimals; the currency is checked by the engine. */
    BigDecimal amount(String name, MoneyInput value) {
        if (value == null) {
            return null;
        }
        try {
            BigDecimal a = new BigDecimal(String.valueOf(value.amount()).trim());
            if (a.signum() >= 0 && a.scale() <= 2 && a.compareTo(new BigDecimal("100000")) < 0) {
                return a;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fields.error(name + ".amount", "must be an amount from 0 to 99999.99 with at most two decimals, e.g. \"0.25\"");
        return null;
    }

    <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        return fields.oneOf(name, value.replace('-', '_'), EnumSet.allOf(type));
    }

    void check() {
        fields.check();
    }
}
