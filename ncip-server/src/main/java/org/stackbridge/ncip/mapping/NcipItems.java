package org.stackbridge.ncip.mapping;

import java.math.BigInteger;
import java.util.List;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.ncip.binding.v2.BibliographicDescription;
import org.stackbridge.ncip.binding.v2.BibliographicId;
import org.stackbridge.ncip.binding.v2.BibliographicItemId;
import org.stackbridge.ncip.binding.v2.BibliographicRecordId;
import org.stackbridge.ncip.binding.v2.ItemDescription;
import org.stackbridge.ncip.binding.v2.ItemOptionalFields;
import org.stackbridge.ncip.binding.v2.Location;
import org.stackbridge.ncip.binding.v2.LocationName;
import org.stackbridge.ncip.binding.v2.LocationNameInstance;

import static org.stackbridge.ncip.mapping.NcipValues.svp;
import static org.stackbridge.ncip.mapping.NcipValues.text;

/** Item views to ItemOptionalFields and bibliographic descriptions both ways. */
public final class NcipItems {

    public static final String CIRC_STATUS_SCHEME = "http://www.niso.org/ncip/v1_0/imp1/schemes/circulationstatus/circulationstatus.scm";
    private static final String LOCATION_TYPE_SCHEME = "http://www.niso.org/ncip/v1_0/imp1/schemes/locationtype/locationtype.scm";
    private static final String ITEM_ID_CODE_SCHEME = "http://www.niso.org/ncip/v1_0/imp1/schemes/bibliographicitemidentifiercode/bibliographicitemidentifiercode.scm";

    private NcipItems() {
    }

    public static String circulationStatus(ItemStatus status) {
        return switch (status) {
            case AVAILABLE -> "Available On Shelf";
            case CHECKED_OUT -> "On Loan";
            case ON_HOLD_SHELF -> "Available For Pickup";
            case IN_TRANSIT -> "In Transit Between Library Locations";
            case LOST -> "Lost";
            case MISSING -> "Missing";
            case IN_PROCESS -> "In Process";
            case DAMAGED, WITHDRAWN -> "Not Available";
            case CLAIMS_RETURNED -> "Claimed Returned Or Never Borrowed";
        };
    }

    public static BibliographicDescription description(String title, String author, String isbn, String controlNumber) {
        BibliographicDescription d = new BibliographicDescription();
        if (author != null && !author.isBlank()) {
            d.setAuthor(author);
        }
        if (isbn != null && !isbn.isBlank()) {
            BibliographicItemId id = new BibliographicItemId();
            id.setBibliographicItemIdentifier(isbn);
            id.setBibliographicItemIdentifierCode(svp(ITEM_ID_CODE_SCHEME, "ISBN"));
            d.setBibliographicItemId(id);
        }
        if (controlNumber != null) {
            BibliographicRecordId r = new BibliographicRecordId();
            r.setBibliographicRecordIdentifier(controlNumber);
            r.setBibliographicRecordIdentifierCode(svp("Accession Number"));
            d.getBibliographicRecordId().add(r);
        }
        d.setTitle(title == null ? "" : title);
        return d;
    }

    public static ItemOptionalFields optionalFields(Views.ItemInfo i) {
        ItemOptionalFields f = new ItemOptionalFields();
        f.setBibliographicDescription(description(i.title(), i.author(), i.isbn(), i.bibControlNumber()));
        f.setCirculationStatus(svp(CIRC_STATUS_SCHEME, circulationStatus(i.status())));
        f.setHoldQueueLength(BigInteger.valueOf(i.holdQueueLength()));
        if (i.callNumber() != null && !i.callNumber().isBlank()) {
            ItemDescription d = new ItemDescription();
            d.setCallNumber(i.callNumber());
            f.setItemDescription(d);
        }
        f.getLocation().add(location(i.currentLibrary(), i.location()));
        if (i.dueAt() != null) {
            f.setDateDue(NcipValues.dateTime(i.dueAt()));
        }
        return f;
    }

    /** Where the item is: its location and call number only (for answers that were not asked for item details). */
    public static ItemOptionalFields whereabouts(Views.ItemInfo i) {
        ItemOptionalFields f = new ItemOptionalFields();
        if (i.callNumber() != null && !i.callNumber().isBlank()) {
            ItemDescription d = new ItemDescription();
            d.setCallNumber(i.callNumber());
            f.setItemDescription(d);
        }
        f.getLocation().add(location(i.currentLibrary(), i.location()));
        return f;
    }

    public static Location location(String library, String shelf) {
        Location l = new Location();
        l.setLocationType(svp(LOCATION_TYPE_SCHEME, "Current Location"));
        LocationName name = new LocationName();
        name.getLocationNameInstance().add(locationLevel(1, library));
        if (shelf != null && !shelf.isBlank()) {
            name.getLocationNameInstance().add(locationLevel(2, shelf));
        }
        l.setLocationName(name);
        return l;
    }

    private static LocationNameInstance locationLevel(int level, String value) {
        LocationNameInstance in = new LocationNameInstance();
        in.setLocationNameLevel(BigInteger.valueOf(level));
        in.setLocationNameValue(value == null ? "" : value);
        return in;
    }

    /** A partner's bibliographic description as a citation; the record id (e.g. OCLC number) may match our bib. */
    public static IllViews.Citation citation(BibliographicDescription d, String fallbackTitle) {
        if (d == null) {
            return IllViews.Citation.of(fallbackTitle);
        }
        String isbn = null;
        if (d.getBibliographicItemId() != null) {
            isbn = text(d.getBibliographicItemId().getBibliographicItemIdentifier());
        }
        String record = null;
        for (BibliographicRecordId r : d.getBibliographicRecordId()) {
            if (text(r.getBibliographicRecordIdentifier()) != null) {
                record = text(r.getBibliographicRecordIdentifier());
                break;
            }
        }
        String title = text(d.getTitle());
        return new IllViews.Citation(title == null ? fallbackTitle : title, text(d.getAuthor()), isbn, record);
    }

    /**
     * The title BibliographicIds name, as a title reference for the engine (record id first, then item id such as an
     * ISBN), by identifier code: OCLC, ISBN, ISSN, LCCN are looked up in the bib identifier index, no code or any other
     * code ("Local", "Accession Number") is our control number (see {@link BibIdentifier#reference}).
     */
    public static String controlNumber(List<BibliographicId> ids) {
        for (BibliographicId b : ids) {
            BibliographicRecordId r = b.getBibliographicRecordId();
            if (r != null && text(r.getBibliographicRecordIdentifier()) != null) {
                return BibIdentifier.reference(text(r.getBibliographicRecordIdentifierCode()), text(r.getBibliographicRecordIdentifier()));
            }
        }
        for (BibliographicId b : ids) {
            BibliographicItemId i = b.getBibliographicItemId();
            if (i != null && text(i.getBibliographicItemIdentifier()) != null) {
                return BibIdentifier.reference(text(i.getBibliographicItemIdentifierCode()), text(i.getBibliographicItemIdentifier()));
            }
        }
        return null;
    }
}
