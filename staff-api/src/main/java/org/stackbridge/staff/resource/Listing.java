package org.stackbridge.staff.resource;

import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.stackbridge.core.outcome.Page;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * Query parameters of the list resources, checked in one place: {@code _page} (from 1) and {@code _per_page} (1 to
 * {@value #MAX_PER_PAGE}, default {@value #DEFAULT_PER_PAGE}), as Koha's REST API; a page answers its lines as a JSON
 * array with the count of all lines in {@code X-Total-Count}.
 */
final class Listing {

    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 100;
    static final int MAX_PAGE = 100_000;
    static final String TOTAL = "X-Total-Count";

    private final List<Problem.FieldError> errors = new java.util.ArrayList<>();

    /** A whole number in [min, max] from a query parameter, or {@code absent} when it is not given. */
    Integer number(String name, String value, int min, int max, Integer absent) {
        if (value == null) {
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

    int page(String value) {
        return number("_page", value, 1, MAX_PAGE, 1);
    }

    int perPage(String value) {
        return number("_per_page", value, 1, MAX_PER_PAGE, DEFAULT_PER_PAGE);
    }

    /** A required short code (library, agency) from a query parameter. */
    String code(String name, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(name, "required"));
        } else if (value.length() > Fields.MAX_BARCODE || value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldError(name, "must be at most " + Fields.MAX_BARCODE + " characters without control characters"));
        }
        return value == null ? null : value.strip();
    }

    /** One of {@code allowed}, in any case; null when not given or invalid (then reported). */
    <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.strip())) {
                return e;
            }
        }
        errors.add(new Problem.FieldError(name, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.joining(", "))));
        return null;
    }

    /** An ISO-8601 date ({@code 2026-12-24}); null when not given or invalid (then reported). */
    LocalDate date(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    void error(String name, String reason) {
        errors.add(new Problem.FieldError(name, reason));
    }

    /** Throws a 400 naming every invalid parameter, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** The page as a JSON array with the total in {@code X-Total-Count}. */
    static Response page(Page<?> page) {
        return Response.ok(page.items()).header(TOTAL, page.total()).build();
    }

    /** A numeric id from the path; a 404 when it is not one (no such resource). */
    static long pathId(String what, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProblemException.of(404, "unknown-" + what.replace(' ', '-'), "Not Found", "No " + what + " "
                + (value.length() > Fields.MAX_BARCODE ? value.substring(0, Fields.MAX_BARCODE) + "..." : value));
    }
}
