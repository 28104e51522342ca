package org.stackbridge.core.cataloguing;

import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Views;

/** Commands of cataloguing (records and items) and of item status; registered by {@link CataloguingEngine}. */
public final class CatalogueCommands {

    private CatalogueCommands() {
    }

    /** A record by its control number (MARC 001) with its items and their live status. Read-only. */
    public record LookupBib(RequestContext context, String controlNumber) implements Command<CatalogueViews.BibDetail> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /**
     * Adds a record. Refused when its control number is taken, when it fails {@code RecordVerification}, and when it
     * duplicates one of ours by ISBN, LCCN or OCLC number unless {@code allowDuplicate}.
     */
    public record AddBib(RequestContext context, BibRecord bib, boolean allowDuplicate) implements Command<CatalogueViews.BibSaved> {
    }

    /** Replaces the record {@code controlNumber} (its MARC and heading) and keeps its id and items. */
    public record OverlayBib(RequestContext context, String controlNumber, BibRecord bib, boolean allowDuplicate)
            implements Command<CatalogueViews.BibSaved> {
    }

    /** Adds an item to a record; the barcode must be new. Price may be null. */
    public record AddItem(RequestContext context, String bibControlNumber, String barcode, String library, String location,
                          String callNumber, String itemType, Money price) implements Command<Views.ItemInfo> {
    }

    /** An item's cataloguing data to change; null fields keep what the item has. */
    public record ItemEdit(String itemType, String library, String location, String callNumber, Money price)
            implements java.io.Serializable {
        public boolean isEmpty() {
            return itemType == null && library == null && location == null && callNumber == null && price == null;
        }
    }

    /**
     * Changes an item in one transaction: its cataloguing data ({@code edit}, may be null) and, with {@code status},
     * its status by hand, with the consequences {@code ItemStatusPolicies} name: a damaged item's repair fee (billed
     * to {@code patronBarcode}, or else the item's last borrower), a lost item's bills.
     */
    public record ChangeItem(RequestContext context, String barcode, ItemEdit edit, ItemStatus status, String note, Money repairFee,
                             String patronBarcode) implements Command<CatalogueViews.ItemChanged> {
    }

    /** The borrower claims to have returned the item: its loan stops accruing fines and the item is claims returned. */
    public record ClaimReturned(RequestContext context, String itemBarcode, String note) implements Command<CatalogueViews.ClaimedReturned> {
    }
}
