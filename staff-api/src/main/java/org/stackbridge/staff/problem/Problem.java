package org.stackbridge.staff.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}). {@code errors} names each invalid field of a
 * request and why; {@code reason} is the engine's refusal code when the engine refused; {@code overridable} (only on a refused
 * desk checkout) whether the refusal is one a desk override may let through.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String reason, List<FieldError> errors,
                      Boolean overridable) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    /** A problem that says nothing about overriding (everything but a refused desk checkout). */
    public Problem(String type, String title, int status, String detail, String reason, List<FieldError> errors) {
        this(type, title, status, detail, reason, errors, null);
    }

    /** The same problem saying whether a staff member with the override permission could let it through. */
    public Problem withOverridable(boolean canOverride) {
        return new Problem(type, title, status, detail, reason, errors, canOverride);
    }

    /** One invalid field: its name (a JSON path such as {@code patron}) and the reason. */
    public record FieldError(String field, String reason) {
    }
}
