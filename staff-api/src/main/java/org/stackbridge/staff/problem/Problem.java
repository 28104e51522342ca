package org.stackbridge.staff.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}). {@code errors} names each invalid field of a
 * request and why; {@code reason} is the engine's refusal code when the engine refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String reason, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    /** One invalid field: its name (a JSON path such as {@code patron}) and the reason. */
    public record FieldError(String field, String reason) {
    }
}
