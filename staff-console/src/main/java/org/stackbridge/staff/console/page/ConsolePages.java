package org.stackbridge.staff.console.page;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.outcome.PatronViews;
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
    public record DeskPage(Chrome chrome, String requestKey, String patronBarcode, Views.PatronInfo patron, Notice notice,
                           OverrideOffer override) {
        public DeskPage(Chrome chrome, String requestKey, String patronBarcode, Views.PatronInfo patron, Notice notice) {
            this(chrome, requestKey, patronBarcode, patron, notice, null);
        }
    }

    /** The check-in desk with the last return and, when a hold or transit caught it, its slip. */
    public record CheckinPage(Chrome chrome, String requestKey, Notice notice, Views.CheckedIn result) {
        public boolean slip() {
            return result != null && result.alert();
        }
    }

    /** The patron search: what was asked and a page of patrons whose name, barcode, e-mail or phone matched. */
    public record PatronSearchPage(Chrome chrome, String query, List<Views.PatronView> found, int page, boolean more, Notice notice) {
        public PatronSearchPage {
            found = found == null ? List.of() : List.copyOf(found);
        }
    }

    /**
     * One patron: details, loans, holds, fees, blocks, the latest history and the forms acting on the patron (card,
     * PIN, membership, blocks); {@code errors} names a form field that was refused.
     */
    public record PatronPage(Chrome chrome, Views.PatronInfo info, String requestKey, List<PatronViews.HistoryLine> history,
                             boolean moreHistory, Notice notice, Map<String, String> errors) {
        public PatronPage {
            history = history == null ? List.of() : List.copyOf(history);
            errors = errors == null ? Map.of() : Map.copyOf(errors);
        }

        public String error(String field) {
            return errors.get(field);
        }

        /** The block types staff may place (a kiosk block comes from SIP2 01 only). */
        public List<BlockType> blockTypes() {
            return java.util.Arrays.stream(BlockType.values()).filter(BlockType::staff).toList();
        }
    }

    /** A receipt of the loans made today (UTC), for the receipt printer. */
    public record ReceiptPage(Chrome chrome, Views.PatronInfo info, List<Views.LoanLine> loans, Instant printedAt) {
    }

    public record ErrorPage(Chrome chrome, int status, String title, String detail) {
    }

    // ---------------------------------------------------------------- desk override, patron forms, ID cards

    /** A checkout refused for a reason a desk override may pass ({@code CheckoutOverrides}): the item and the refusal. */
    public record OverrideOffer(String itemBarcode, String reason, String message, String error) {
    }

    /**
     * The form to create ({@code barcode} null) or edit a patron: the values as typed, the refused fields with why, and
     * the possible duplicates to confirm before creating.
     */
    public record PatronFormPage(Chrome chrome, String requestKey, String barcode, Map<String, String> values, Map<String, String> errors,
                                 List<Views.PatronView> duplicates, Notice notice) {
        public PatronFormPage {
            values = values == null ? Map.of() : Map.copyOf(values);
            errors = errors == null ? Map.of() : Map.copyOf(errors);
            duplicates = duplicates == null ? List.of() : List.copyOf(duplicates);
        }

        public boolean creating() {
            return barcode == null;
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    /** A patron's history, a page at a time (the same events as {@code GET /api/v1/patrons/{b}/history}). */
    public record HistoryListPage(Chrome chrome, Views.PatronView patron, PatronViews.HistoryPage history) {
    }

    /** The batch of ID cards to print: barcodes (one a line) and the paper. */
    public record CardBatchPage(Chrome chrome, String barcodes, String paper, Notice notice) {
    }
}
