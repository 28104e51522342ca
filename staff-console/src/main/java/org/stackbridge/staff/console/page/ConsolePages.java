package org.stackbridge.staff.console.page;

import java.time.Instant;
import java.util.List;
import org.stackbridge.core.outcome.Views;

/** The model of each page: one record per template, so every template has exactly one typed parameter. */
public final class ConsolePages {

    private ConsolePages() {
    }

    public record SignInPage(Chrome chrome, String csrf, String username, Notice notice) {
    }

    /**
     * The check-out desk: the patron scanned (or none yet) with loans, holds, fees and blocks; {@code requestKey} makes
     * a repeated submission of the same form act once.
     */
    public record DeskPage(Chrome chrome, String requestKey, String patronBarcode, Views.PatronInfo patron, Notice notice) {
    }

    /** The check-in desk with the last return and, when a hold or transit caught it, its slip. */
    public record CheckinPage(Chrome chrome, String requestKey, Notice notice, Views.CheckedIn result) {
        public boolean slip() {
            return result != null && result.alert();
        }
    }

    public record PatronSearchPage(Chrome chrome, String query, Views.PatronInfo found, Notice notice) {
    }

    public record PatronPage(Chrome chrome, Views.PatronInfo info) {
    }

    /** A receipt of the loans made today (UTC), for the receipt printer. */
    public record ReceiptPage(Chrome chrome, Views.PatronInfo info, List<Views.LoanLine> loans, Instant printedAt) {
    }

    public record ErrorPage(Chrome chrome, int status, String title, String detail) {
    }
}
