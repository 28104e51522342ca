package org.stackbridge.core.ill;

import java.time.Instant;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllViews.Citation;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;

/**
 * The ILL commands. Check-out and check-in of ILL items use the normal {@code Commands.CheckOut} /
 * {@code Commands.CheckIn}; the ILL engine moves the request along in the same transaction.
 */
public final class IllCommands {

    private IllCommands() {
    }

    /** Borrowing, step 1: our patron asked a partner for an item. Idempotent on (partner, external id). */
    public record RequestBorrowing(RequestContext context, String partnerAgency, String externalId, String patronBarcode,
                                   Citation citation, String pickupLibrary) implements Command<IllViews.IllRequestView> {
    }

    /**
     * Borrowing: the partner's item arrived (NCIP AcceptItem). Creates the temporary item (barcode given or
     * generated) on a matched or new bib, and a hold for the patron with the item on the hold shelf. Creates
     * the request when it was not known yet. A repeat answers the same and creates nothing.
     */
    public record ReceiveItem(RequestContext context, String partnerAgency, String externalId, String patronBarcode,
                              String itemBarcode, Citation citation, String pickupLibrary, String itemType,
                              String location, Instant dueToLender) implements Command<IllViews.Received> {
    }

    /** Borrowing, last step (NCIP DeleteItem): return to the lender is done; the temporary item is retired. */
    public record DeleteTemporaryItem(RequestContext context, String itemBarcode) implements Command<IllViews.IllRequestView> {
    }

    /**
     * Lending, step 1 (NCIP RequestItem): a hold for the partner library's patron on our item or title.
     * Idempotent on (partner, external id).
     */
    public record RequestLending(RequestContext context, String partnerAgency, String externalId, String partnerPatronBarcode,
                                 String itemBarcode, String bibControlNumber, String pickupLibrary) implements Command<IllViews.LendingRequested> {
    }

    /**
     * Moves a request to a named state by hand (technician) or for a partner's cancel. Only transitions of the
     * table that are not driven by check-out, check-in or receipt are allowed.
     */
    public record Advance(RequestContext context, IllRef ref, IllState target, String note) implements Command<IllViews.IllRequestView> {
    }

    /** Requests filtered by role and/or state (null = any), in id order after {@code afterId}. */
    public record ListRequests(RequestContext context, IllRole role, IllState state, long afterId, int limit) implements Command<IllViews.Listing> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** One request with its transition history from the event log. */
    public record ShowRequest(RequestContext context, IllRef ref) implements Command<IllViews.Detail> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** Counts by role and state, and completions with median turnaround in [from, to). */
    public record Statistics(RequestContext context, Instant from, Instant to) implements Command<IllViews.Stats> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /**
     * A title and its items as a partner or a discovery layer sees them (NCIP LookupItemSet). At most
     * {@code limit} items after the first {@code skip}.
     */
    public record LookupTitle(RequestContext context, String bibControlNumber, int skip, int limit) implements Command<IllViews.Holdings> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /**
     * A partner recalls a loaned item (NCIP RecallItem): the open loan becomes due at {@code desiredDue}, or in
     * {@code graceDays} days, whichever is earlier, never later than it was.
     */
    public record RecallLoan(RequestContext context, String itemBarcode, Instant desiredDue, int graceDays) implements Command<IllViews.Recalled> {
    }

    // ---------------------------------------------------------------- the staff ILL desk (issue #11)

    /**
     * Staff start a borrowing request for our patron to a partner agency, for a local title ({@code bibControlNumber})
     * or a citation. The patron must pass {@code ILL_BORROW}. The answer carries the request id the partner's messages
     * name ({@code externalId}), which the gateway makes up.
     */
    public record StartBorrowing(RequestContext context, String patronBarcode, String partnerAgency, String bibControlNumber,
                                 Citation citation, String note) implements Command<IllViews.IllRequestView> {
    }

    /**
     * The ILL queue: requests matching every filter given (null = any), oldest first, page {@code page} (from 1) of
     * {@code perPage}. {@code olderThanDays}: only requests created more than that many days ago (their age).
     */
    public record SearchRequests(RequestContext context, IllRole role, IllState state, String partnerAgency, String externalId,
                                 Integer olderThanDays, int page, int perPage)
            implements Command<org.stackbridge.core.outcome.Page<IllViews.IllRequestView>> {
        @Override
        public boolean mutating() {
            return false;
        }
    }
}
