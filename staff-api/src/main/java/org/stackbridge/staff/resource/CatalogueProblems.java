package org.stackbridge.staff.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.policy.RecordVerification;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * Refusals of the cataloguing commands as problems: a record failing verification is a 409 (400 when the client sent
 * the record) whose {@code errors} name each MARC field and duplicate; an unknown library in a body is a 400 naming
 * the field; everything else as {@link EngineCalls#refusal}.
 */
final class CatalogueProblems {

    private CatalogueProblems() {
    }

    static <R> R valueOf(Outcome<R> outcome, boolean recordFromClient, String libraryField) {
        if (outcome instanceof Outcome.Success<R> s) {
            return s.result();
        }
        Outcome.Refused<R> r = (Outcome.Refused<R>) outcome;
        if (r.context() instanceof RecordVerification.Report report) {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (RecordVerification.Finding f : report.errors()) {
                errors.add(new Problem.FieldError("marc." + f.field(), f.detail()));
            }
            for (RecordVerification.Duplicate d : report.duplicates()) {
                errors.add(new Problem.FieldError("marc." + tag(d.identifier()), "duplicate: " + d.identifier() + " " + d.value()
                        + " is already record " + d.controlNumber() + " \"" + d.title() + "\""));
            }
            boolean invalid = r.reason() == RefusalReason.INVALID_REQUEST && recordFromClient;
            String slug = r.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
            throw new ProblemException(new Problem("urn:stackbridge:problem:" + slug, invalid ? "Bad Request" : "Conflict",
                    invalid ? 400 : 409, r.message(), r.reason().name(), errors));
        }
        if (r.reason() == RefusalReason.UNKNOWN_LIBRARY && libraryField != null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(libraryField, r.message())));
        }
        throw EngineCalls.refusal(r);
    }

    private static String tag(String identifier) {
        return switch (identifier) {
            case "ISBN" -> "020";
            case "LCCN" -> "010";
            case "OCLC" -> "035";
            default -> "001";
        };
    }
}
