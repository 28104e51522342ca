package org.stackbridge.core.command;

import java.time.LocalDate;
import java.util.List;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.DisputeOutcome;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PaymentType;
import org.stackbridge.core.outcome.Page;
import org.stackbridge.core.outcome.Views;

/** The circulation commands; every protocol maps its requests onto these. */
public final class Commands {

    private Commands() {
    }

    /** Patron status and information. {@code pin} null means not checked. */
    public record LookupPatron(RequestContext context, String patronBarcode, String pin) implements Command<Views.PatronInfo> {
        @Override
        public boolean mutating() {
            return false;
        }

        @Override
        public String toString() {
            return "LookupPatron[" + patronBarcode + (pin == null ? "" : ", pin=***") + "]";
        }
    }

    public record LookupItem(RequestContext context, String itemBarcode) implements Command<Views.ItemInfo> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** Items of a bib with live circulation status (catalogue holdings, e.g. the Z39.50 OPAC record). Read-only. */
    public record ListBibItems(RequestContext context, long bibId) implements Command<Views.BibItems> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /**
     * Check out; checking out again to the same patron renews. {@code noBlock} marks an offline transaction
     * that must be accepted (SIP2 no-block Y); {@code pin} is verified when given, and required when
     * {@code pinRequired}.
     */
    /**
     * @param override a desk override (null for none): the refusals {@code CheckoutOverrides} lists are let through
     *                 and recorded with its reason; the caller must have checked the staff member may override
     */
    public record CheckOut(RequestContext context, String patronBarcode, String itemBarcode, String pin,
                           boolean pinRequired, boolean noBlock, boolean feeAcknowledged, CheckoutOverride override) implements Command<Views.CheckedOut> {

        /** A checkout without an override (kiosks, NCIP, ILL). */
        public CheckOut(RequestContext context, String patronBarcode, String itemBarcode, String pin,
                        boolean pinRequired, boolean noBlock, boolean feeAcknowledged) {
            this(context, patronBarcode, itemBarcode, pin, pinRequired, noBlock, feeAcknowledged, null);
        }

        @Override
        public String toString() {
            return "CheckOut[" + patronBarcode + ", " + itemBarcode + ", noBlock=" + noBlock + (override == null ? "" : ", override") + "]";
        }
    }

    /** Check in; {@code context.occurredAt} is the return date for offline returns. */
    public record CheckIn(RequestContext context, String itemBarcode, boolean noBlock) implements Command<Views.CheckedIn> {
    }

    public record Renew(RequestContext context, String patronBarcode, String itemBarcode, String pin) implements Command<Views.Renewed> {
        @Override
        public String toString() {
            return "Renew[" + patronBarcode + ", " + itemBarcode + "]";
        }
    }

    public record RenewAll(RequestContext context, String patronBarcode, String pin) implements Command<Views.RenewedAll> {
        @Override
        public String toString() {
            return "RenewAll[" + patronBarcode + "]";
        }
    }

    /**
     * Place a hold on an item (item level) or, with {@code bibControlNumber}, on a title; the title may also be named
     * by a standard identifier reference ({@code BibIdentifier.reference}, e.g. {@code {OCLC}26273275}).
     */
    /**
     * @param illLending the hold stands for a partner's ILL lending request: decided by {@code ILL_LEND}, where one
     *                   request per partner request id is the rule, so a second request for a title is no duplicate
     */
    public record PlaceHold(RequestContext context, String patronBarcode, String itemBarcode, String bibControlNumber,
                            String pickupLibrary, LocalDate expiresOn, boolean illLending) implements Command<Views.HoldPlaced> {

        public PlaceHold(RequestContext context, String patronBarcode, String itemBarcode, String bibControlNumber,
                         String pickupLibrary, LocalDate expiresOn) {
            this(context, patronBarcode, itemBarcode, bibControlNumber, pickupLibrary, expiresOn, false);
        }
    }

    /** Cancel the patron's open hold on the item's or the bib's title. */
    /** @param holdId the one hold meant, when the patron may hold the title more than once (ILL lending); else null */
    public record CancelHold(RequestContext context, String patronBarcode, String itemBarcode, String bibControlNumber,
                             Long holdId) implements Command<Views.HoldCancelled> {

        public CancelHold(RequestContext context, String patronBarcode, String itemBarcode, String bibControlNumber) {
            this(context, patronBarcode, itemBarcode, bibControlNumber, null);
        }
    }

    /** Change pickup library or expiry of the patron's open hold. */
    public record ChangeHold(RequestContext context, String patronBarcode, String itemBarcode, String bibControlNumber,
                             String pickupLibrary, LocalDate expiresOn) implements Command<Views.HoldPlaced> {
    }

    /** Pay against {@code feeId}, or oldest first when null. {@code transactionId} makes it idempotent. */
    public record PayFee(RequestContext context, String patronBarcode, Money amount, Long feeId, String transactionId,
                         String method) implements Command<Views.FeePaid> {
    }

    /** Waive (or cancel) part or all of a fee. */
    public record WaiveFee(RequestContext context, String patronBarcode, long feeId, Money amount, CreditType type,
                           String reason) implements Command<Views.FeePaid> {
    }

    /** Assess a new debit (staff, NCIP CreateUserFiscalTransaction). */
    public record AssessFee(RequestContext context, String patronBarcode, FeeType type, Money amount, String itemBarcode,
                            String description) implements Command<Views.FeeAssessed> {
    }

    /** Block a patron (SIP2 01); {@code cardRetained} also marks the card lost. */
    public record BlockPatron(RequestContext context, String patronBarcode, String reason, boolean cardRetained) implements Command<Views.PatronInfo> {
    }

    /** Lift manual blocks (SIP2 25 patron enable). */
    public record UnblockPatron(RequestContext context, String patronBarcode) implements Command<Views.PatronInfo> {
    }

    /** Change item status and/or location. Null fields are left unchanged. */
    public record UpdateItem(RequestContext context, String itemBarcode, ItemStatus status, String location,
                             String callNumber) implements Command<Views.ItemInfo> {
    }

    /**
     * The hold expiry job, one page: open holds after {@code afterId} (at most {@code limit}) whose
     * hold-shelf time ran out, or that were not filled by their not-needed-after date, expire.
     */
    public record ExpireHolds(RequestContext context, long afterId, int limit) implements Command<Views.HoldsExpired> {
    }

    /** Verify a SIP2 terminal login; the password is checked against the stored slow hash. */
    public record AuthenticateTerminal(RequestContext context, String login, String password) implements Command<Views.TerminalLogin> {
        @Override
        public boolean mutating() {
            return false;
        }

        @Override
        public String toString() {
            return "AuthenticateTerminal[" + login + ", password=***]";
        }
    }

    /** A library (branch) by code: its name and the institution it belongs to (SIP2 AO/AP/CP validation). */
    public record LookupLibrary(RequestContext context, String code) implements Command<Views.LibraryView> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    // ---------------------------------------------------------------- desk override and the fee ledger (issue #11)

    /** A staff override of a checkout's overridable refusals, with the reason recorded in the event log. */
    public record CheckoutOverride(String reason) implements java.io.Serializable {
    }

    /** The patron's fees, open only or (with {@code includeClosed}) all, one page ({@code page} from 1). Read-only. */
    public record ListFees(RequestContext context, String patronBarcode, boolean includeClosed, int page, int perPage)
            implements Command<Views.FeeList> {
    }

    // ---------------------------------------------------------------- the staff holds desk (issue #11)

    /** Suspends a waiting hold through the end of {@code until} (null: until resumed); it keeps its place in the queue. */
    public record SuspendHold(RequestContext context, long holdId, LocalDate until) implements Command<Views.HoldView> {
    }

    /** Ends a hold's suspension. */
    public record ResumeHold(RequestContext context, long holdId) implements Command<Views.HoldView> {
    }

    /** Cancels one hold by its id; {@code reason} (optional) goes into the event log. */
    public record CancelHoldById(RequestContext context, long holdId, String reason) implements Command<Views.HoldView> {
    }

    /** One hold by id. Read-only. */
    public record LookupHold(RequestContext context, long holdId) implements Command<Views.HoldView> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /**
     * A desk payment: against the named fees in the order given, or oldest first when {@code feeIds} is empty; it may
     * pay partially but never more than they owe. Answers the receipt.
     */
    public record TakePayment(RequestContext context, String patronBarcode, Money amount, PaymentType paymentType,
                              java.util.List<Long> feeIds, String note) implements Command<Views.Receipt> {
        public TakePayment {
            feeIds = feeIds == null ? java.util.List.of() : java.util.List.copyOf(feeIds);
        }
    }

    /** The receipt of a payment (by its id), in the caller's institution. Read-only. */
    public record LookupReceipt(RequestContext context, long paymentId) implements Command<Views.Receipt> {
    }

    /** A patron's open holds (when {@code patronBarcode} is given) or a title's queue in order. Read-only. */
    public record ListHolds(RequestContext context, String patronBarcode, String bibControlNumber) implements Command<List<Views.HoldView>> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** Waive part ({@code amount}) or, with a null amount, all of what a fee still owes; the reason is required. */
    public record WaiveFeeById(RequestContext context, long feeId, Money amount, String reason) implements Command<Views.FeeCredited> {
    }

    /** Give back money paid on a fee, at most what was paid on it and not yet refunded; the reason is required. */
    public record RefundFee(RequestContext context, long feeId, Money amount, String reason) implements Command<Views.FeeCredited> {
    }

    /** Open a dispute of a fee that still owes something; one open dispute per fee. */
    public record OpenFeeDispute(RequestContext context, long feeId, String note) implements Command<Views.DisputeView> {
    }

    /** Resolve an open dispute: upheld waives what the fee still owes, rejected leaves it owed (and counting again). */
    public record ResolveFeeDispute(RequestContext context, long feeId, long disputeId, DisputeOutcome outcome, String note)
            implements Command<Views.DisputeView> {
    }

    /** The cashier's summary of one library's day (its local date). Read-only. */
    public record SummariseCashier(RequestContext context, String library, LocalDate date) implements Command<Views.CashierSummary> {
    }

    /** The pull list of a library: waiting holds an available item on its shelves can fill, one page. Read-only. */
    public record ListHoldsToPull(RequestContext context, String library, int page, int perPage)
            implements Command<Page<Views.PullLine>> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** The clear-shelf list of a library: items on its hold shelf whose hold expired uncollected, one page. Read-only. */
    public record ListExpiredOnShelf(RequestContext context, String library, int page, int perPage)
            implements Command<Page<Views.ShelfLine>> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** Items in transit to ({@code incoming}) or from a library, one page. Read-only. */
    public record ListTransits(RequestContext context, String library, boolean incoming, int page, int perPage)
            implements Command<Page<Views.TransitLine>> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** How much of a patron's loans, holds and fees a lookup reads into its lines. */
    public enum PatronLines {
        /**
         * None: {@code loans}, {@code holds} and {@code fees} come back empty and none of their rows, items or titles is
         * read; the flags, standing, balance, blocks and PIN check are as full. E.g. NCIP LookupUser asking for no loans,
         * requests or fiscal account, a SIP2 23.
         */
        NONE,
        /**
         * From their own rows only: no item barcode or title (null) and no hold queue position (0), which cost a read
         * or two per line. Enough for counts, overdue and available-hold figures and fee lines, e.g. a SIP2 63 whose
         * summary asks for no item list.
         */
        OWN_ROWS,
        /** Everything, with the items' barcodes and titles and the holds' queue positions: what {@link LookupPatron} reads. */
        FULL
    }

    /** {@code lookup}, reading only as much of the patron's lines as {@code lines} says. */
    public record LookupPatronBrief(LookupPatron lookup, PatronLines lines) implements Command<Views.PatronInfo> {
        public LookupPatronBrief {
            java.util.Objects.requireNonNull(lines, "lines");
        }

        @Override
        public RequestContext context() {
            return lookup.context();
        }

        @Override
        public boolean mutating() {
            return false;
        }
    }
}
