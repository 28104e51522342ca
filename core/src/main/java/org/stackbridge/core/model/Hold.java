package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A hold, at title level ({@code itemId} null) or item level. The queue position is derived from
 * {@code placedAt} then {@code id} among open holds of the same bib. {@code trappedItemId} is the item
 * set aside for it once trapped.
 */
public record Hold(long id, long patronId, long bibId, Long itemId, String pickupLibrary, Instant placedAt,
                   LocalDate expiresOn, HoldStatus status, Long trappedItemId, LocalDate shelfExpiresOn,
                   Long illRequestId) implements Serializable {

    public boolean isItemLevel() {
        return itemId != null;
    }

    public Hold withId(long newId) {
        return new Hold(newId, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, status, trappedItemId, shelfExpiresOn, illRequestId);
    }

    public Hold withStatus(HoldStatus newStatus) {
        return new Hold(id, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, newStatus, trappedItemId, shelfExpiresOn, illRequestId);
    }

    public Hold trapped(long item, HoldStatus newStatus, LocalDate shelfExpiry) {
        return new Hold(id, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, newStatus, item, shelfExpiry, illRequestId);
    }

    /** Back in the queue, no item set aside (the trapped item went elsewhere). */
    public Hold untrapped() {
        return new Hold(id, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, HoldStatus.WAITING, null, null, illRequestId);
    }

    public Hold changed(String pickup, LocalDate expiry) {
        return new Hold(id, patronId, bibId, itemId, pickup == null ? pickupLibrary : pickup, placedAt,
                expiry == null ? expiresOn : expiry, status, trappedItemId, shelfExpiresOn, illRequestId);
    }

    /** Whether this hold can be filled by the given item of its bib. */
    public boolean acceptsItem(long candidateItemId) {
        return itemId == null || itemId == candidateItemId;
    }
}
