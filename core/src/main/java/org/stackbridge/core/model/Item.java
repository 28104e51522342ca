package org.stackbridge.core.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A physical (or temporary ILL) item. {@code inTransitTo} is the destination library while IN_TRANSIT.
 * {@code illRequestId} is set on temporary items created for a borrowing ILL request.
 */
public record Item(long id, String barcode, long bibId, String itemType, String homeLibrary, String currentLibrary,
                   String location, String callNumber, BigDecimal price, ItemStatus status, String inTransitTo,
                   Long illRequestId) implements Serializable {

    public Item {
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(homeLibrary, "homeLibrary");
        Objects.requireNonNull(status, "status");
        currentLibrary = currentLibrary == null ? homeLibrary : currentLibrary;
    }

    public Item withId(long newId) {
        return new Item(newId, barcode, bibId, itemType, homeLibrary, currentLibrary, location, callNumber, price, status, inTransitTo, illRequestId);
    }

    public Item withStatus(ItemStatus newStatus) {
        return new Item(id, barcode, bibId, itemType, homeLibrary, currentLibrary, location, callNumber, price, newStatus,
                newStatus == ItemStatus.IN_TRANSIT ? inTransitTo : null, illRequestId);
    }

    public Item inTransit(String destination) {
        return new Item(id, barcode, bibId, itemType, homeLibrary, currentLibrary, location, callNumber, price, ItemStatus.IN_TRANSIT, destination, illRequestId);
    }

    public Item at(String library) {
        return new Item(id, barcode, bibId, itemType, homeLibrary, library, location, callNumber, price, status, inTransitTo, illRequestId);
    }

    public boolean isIllTemporary() {
        return illRequestId != null;
    }
}
