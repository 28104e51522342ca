package org.stackbridge.staff.console.web;

import java.util.List;
import java.util.stream.Collectors;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.problem.Problem;

/** How the fee, holds and ILL pages answer a form: invalid fields named in one notice, refusals with an honest status. */
final class FormNotices {

    static final String DAMAGED = "The form is damaged; reload the page.";

    private FormNotices() {
    }

    /** One notice naming every invalid field, as the staff API's problem document would ({@code amount.amount: required}). */
    static Notice invalid(List<Problem.FieldError> errors) {
        return Notice.error(errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")) + ".");
    }

    /** 404 for what does not exist, 503 when the engine did not answer, else 409 (the engine refused). */
    static int status(RefusalReason reason) {
        return reason == RefusalReason.UNKNOWN_ILL_REQUEST ? 404 : DeskPages.status(reason);
    }
}
