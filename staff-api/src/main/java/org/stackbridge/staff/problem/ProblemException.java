package org.stackbridge.staff.problem;

import java.util.List;
import java.util.Locale;

/** Ends a request with a problem document; mapped by {@link ProblemMapper}. Carries no stack trace. */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** A problem of a kind this API names: its type is {@code urn:stackbridge:problem:<slug>}. */
    public static ProblemException of(int status, String slug, String title, String detail) {
        return new ProblemException(new Problem(type(slug), title, status, detail, null, null));
    }

    /** 400 naming every invalid field. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return new ProblemException(new Problem(type("invalid-request"), "Invalid request", 400, detail, null, errors));
    }

    public static ProblemException unauthorized(String detail) {
        return of(401, "unauthorized", "Unauthorized", detail);
    }

    public static ProblemException forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    static String type(String slug) {
        return "urn:stackbridge:problem:" + slug.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
