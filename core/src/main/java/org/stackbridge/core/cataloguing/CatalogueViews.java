package org.stackbridge.core.cataloguing;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.RecordVerification;

/** What the cataloguing and item status commands answer. */
public final class CatalogueViews {

    private CatalogueViews() {
    }

    /** A record's heading and its standard identifiers. */
    public record BibSummary(long biblioId, String controlNumber, String title, String author, String isbn, String publisher,
                             String year, List<BibIdentifier> identifiers) implements Serializable {
        public BibSummary {
            identifiers = List.copyOf(identifiers);
        }
    }

    /** A record with its items (in id order) and their live circulation status. */
    public record BibDetail(BibSummary biblio, List<Views.ItemInfo> items) implements Serializable {
        public BibDetail {
            items = List.copyOf(items);
        }
    }

    /** A record added or overlaid, with what its verification found (duplicates let through are listed). */
    public record BibSaved(BibDetail record, boolean created, RecordVerification.Report verification) implements Serializable {
    }

    /**
     * An item changed: its status before, the fees the change billed (to {@code billed}) and, for a lost item on loan,
     * that the loan is now marked lost.
     */
    public record ItemChanged(Views.ItemInfo item, ItemStatus previousStatus, String note, Views.PatronView billed,
                              List<Views.FeeLine> fees, boolean loanMarkedLost) implements Serializable {
        public ItemChanged {
            fees = List.copyOf(fees);
        }
    }

    /** A claims-returned loan: fines stopped at {@code claimedAt}; {@code patronClaims} counts the patron's claims so far. */
    public record ClaimedReturned(Views.ItemInfo item, Views.PatronView patron, Instant claimedAt, int patronClaims) implements Serializable {
    }
}
