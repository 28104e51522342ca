package org.stackbridge.staff.resource;

import java.util.ArrayList;
import java.util.List;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/** Collects the invalid fields of a request body, so one 400 names them all. */
final class Fields {

    static final int MAX_BARCODE = 64;

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** A required string field of at most {@code max} characters, without control characters. */
    String required(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(name, "required"));
        } else if (value.length() > max) {
            errors.add(new Problem.FieldError(name, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldError(name, "must not contain control characters"));
        }
        return value;
    }

    /** A barcode, stripped of surrounding spaces. */
    String barcode(String name, String value) {
        return required(name, value == null ? null : value.strip(), MAX_BARCODE);
    }

    /** A value of {@code allowed}, given in any case ({@code lost}, {@code in_process}); null when invalid. */
    <E extends Enum<E>> E oneOf(String name, String value, java.util.Set<E> allowed) {
        for (E e : allowed) {
            if (e.name().equalsIgnoreCase(value.strip())) {
                return e;
            }
        }
        errors.add(new Problem.FieldError(name, "must be one of " + allowed.stream().map(e -> e.name().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(", "))));
        return null;
    }

    /** A whole number from a query or path parameter, {@code dflt} when absent; at least 1 (or 0 when dflt is 0) and at most {@code max}. */
    int positive(String name, String value, int dflt, int max) {
        if (value == null || value.isBlank()) {
            if (dflt <= 0) {
                errors.add(new Problem.FieldError(name, "required"));
            }
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1 || n > max) {
                errors.add(new Problem.FieldError(name, "must be between 1 and " + max));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(name, "must be a whole number"));
            return dflt;
        }
    }

    /** Lists page with {@code _page} (from 1) and {@code _per_page} (1 to {@link #MAX_PER_PAGE}, default {@link #DEFAULT_PER_PAGE}). */
    record Paging(int page, int perPage) {
    }

    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 100;

    /** The {@code _page} and {@code _per_page} query parameters, each invalid one named. */
    Paging paging(String page, String perPage) {
        return new Paging(positive("_page", page, 1, Integer.MAX_VALUE / MAX_PER_PAGE), positive("_per_page", perPage, DEFAULT_PER_PAGE,
                MAX_PER_PAGE));
    }

    /** Longest staff note or reason accepted. */
    static final int MAX_NOTE = 500;

    /** Money in a request, as everywhere in the API: {@code {"amount": "1.25", "currency": "USD"}}. */
    public record MoneyBody(String amount, String currency) {
    }

    /**
     * A positive amount with at most two decimals and a three-letter currency code; null (and an error naming
     * {@code name.amount} or {@code name.currency}) when invalid. The engine checks the currency is the library's.
     */
    org.stackbridge.core.model.Money money(String name, MoneyBody value) {
        if (value == null) {
            errors.add(new Problem.FieldError(name, "required"));
            return null;
        }
        java.math.BigDecimal amount = null;
        if (value.amount() == null || value.amount().isBlank()) {
            errors.add(new Problem.FieldError(name + ".amount", "required"));
        } else {
            try {
                amount = new java.math.BigDecimal(value.amount().strip());
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError(name + ".amount", "must be a decimal number such as \"1.25\""));
            }
            if (amount != null && (amount.signum() <= 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 9)) {
                errors.add(new Problem.FieldError(name + ".amount", "must be positive, at most 999999999.99, with at most two decimals"));
                amount = null;
            }
        }
        java.util.Currency currency = null;
        if (value.currency() == null || !value.currency().matches("[A-Z]{3}")) {
            errors.add(new Problem.FieldError(name + ".currency", "must be a three-letter currency code such as \"USD\""));
        } else {
            try {
                currency = java.util.Currency.getInstance(value.currency());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(name + ".currency", "unknown currency"));
            }
        }
        return amount == null || currency == null ? null : new org.stackbridge.core.model.Money(amount, currency);
    }

    /** An optional text of at most {@code max} characters without control characters (line breaks allowed); null when absent. */
    String optional(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            errors.add(new Problem.FieldError(name, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.add(new Problem.FieldError(name, "must not contain control characters"));
        }
        return value.strip();
    }

    /** A required note or reason: text of at most {@link #MAX_NOTE} characters. */
    String note(String name, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(name, "required"));
            return null;
        }
        return optional(name, value, MAX_NOTE);
    }

    /** An optional whole number in [min, max]; {@code absent} when not given. */
    int integer(String name, String value, int min, int max, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(name, "must be a whole number from " + min + " to " + max));
        return absent;
    }

    /** An id from the path: a positive whole number; a 400 naming {@code name} otherwise. */
    static long pathId(String name, String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalid(List.of(new Problem.FieldError(name, "must be a positive whole number")));
    }

    void error(String name, String reason) {
        errors.add(new Problem.FieldError(name, reason));
    }

    /** A barcode from the path, stripped; a 400 naming {@code name} when it is invalid. */
    static String pathBarcode(String name, String value) {
        Fields f = new Fields();
        String barcode = f.barcode(name, value);
        f.check();
        return barcode;
    }

    /** Throws a 400 naming every invalid field, if any. A missing body is one error. */
    void check() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    static void requireBody(Object body) {
        if (body == null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("(body)", "a JSON object is required")));
        }
    }
}
