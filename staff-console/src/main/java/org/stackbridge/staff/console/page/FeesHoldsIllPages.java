package org.stackbridge.staff.console.page;

import java.time.LocalDate;
import java.util.List;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.PaymentType;
import org.stackbridge.core.outcome.Page;
import org.stackbridge.core.outcome.Views;

/** The models of the fee, cashier, holds and ILL pages: one record per template. */
public final class FeesHoldsIllPages {

    private FeesHoldsIllPages() {
    }

    /**
     * A patron's fees with the forms to pay, waive, refund and dispute them. {@code fees} is null when the patron could
     * not be read (the notice says why); {@code receiptId} links the receipt of the payment just taken.
     */
    public record FeesPage(Chrome chrome, String requestKey, String patronBarcode, Views.FeeList fees, Notice notice, Long receiptId) {

        public List<PaymentType> paymentTypes() {
            return List.of(PaymentType.values());
        }

        /** The currency amounts are written in: the patron's balance's. */
        public String currency() {
            return fees == null ? "" : fees.balance().currency().getCurrencyCode();
        }

        public List<Views.FeeDetail> open() {
            return fees == null ? List.of() : fees.fees().stream().filter(f -> f.outstanding().isPositive()).toList();
        }

        /** Money paid on the fee and not yet given back: what a refund may return. */
        public boolean refundable(Views.FeeDetail fee) {
            return fee.paid().amount().compareTo(fee.refunded().amount()) > 0;
        }

        public String refundableAmount(Views.FeeDetail fee) {
            return fee.paid().amount().subtract(fee.refunded().amount()).toPlainString();
        }

        /** The request key of one form of this page: the page's key and what the form does. */
        public String key(String form) {
            return requestKey + "-" + form;
        }
    }

    /** A payment's receipt, printable at 80 mm. */
    public record ReceiptPage(Chrome chrome, Views.Receipt receipt) {
    }

    /** The cashier's summary of one library's day; {@code summary} null until a library is chosen or when it failed. */
    public record CashierPage(Chrome chrome, String library, LocalDate date, Views.CashierSummary summary, Notice notice) {
    }

    /** A library's hold lists: the pull list, the clear-shelf list and the transits to and from it. */
    public record HoldListsPage(Chrome chrome, String library, Page<Views.PullLine> pull, Page<Views.ShelfLine> clearShelf,
                                Page<Views.TransitLine> incoming, Page<Views.TransitLine> outgoing, Notice notice) {
        public boolean shown() {
            return pull != null;
        }
    }

    /** A title's hold queue in order. */
    public record HoldQueuePage(Chrome chrome, String biblio, List<Views.HoldView> queue, Notice notice) {
    }

    /** A patron's open holds, with the forms to place one and cancel each. */
    public record PatronHoldsPage(Chrome chrome, String requestKey, String patronBarcode, Views.PatronInfo patron,
                                  List<Views.HoldView> holds, Notice notice) {
    }

    /** The ILL queue with its filters, as given. */
    public record IllQueuePage(Chrome chrome, IllFilter filter, List<String> partners, Page<IllViews.IllRequestView> requests,
                               Notice notice) {
        public List<IllState> states() {
            return List.of(IllState.values());
        }
    }

    /** The ILL queue's filters as the form sent them (blank: any). */
    public record IllFilter(String state, String partner, String direction, String partnerRequestId) {
        public static final IllFilter NONE = new IllFilter("", "", "", "");
    }

    /** One ILL request: its timeline and the states it may be moved to by hand. */
    public record IllRequestPage(Chrome chrome, String requestKey, IllViews.Detail detail, List<IllState> next, Notice notice) {
    }

    /** The form that starts a borrowing request for a patron, refilled with what was sent after a refusal. */
    public record IllNewPage(Chrome chrome, String requestKey, List<String> partners, IllBorrowingForm form, Notice notice) {
    }

    /** A borrowing request's fields as the form sent them. */
    public record IllBorrowingForm(String patron, String partner, String biblio, String title, String author, String isbn, String note) {
        public static IllBorrowingForm forPatron(String patron) {
            return new IllBorrowingForm(patron == null ? "" : patron, "", "", "", "", "", "");
        }
    }
}
