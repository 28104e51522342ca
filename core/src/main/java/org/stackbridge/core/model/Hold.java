package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A hold, at title level ({@code itemId} null) or item level. The queue position is derived from
 * {@code placedAt} then {@code id} among open holds of the same bib. {@code trappedItemId} is the item
 * set aside for it once trapped. A {@code suspended} hold keeps its place in the queue but is passed over
 * until the end of {@code suspendedUntil} (null: until resumed); see {@code HoldSuspensionPolicy}.
 */
public record Hold(long id, long patronId, long bibId, Long itemId, String pickupLibrary, Instant placedAt,
                   LocalDate expiresOn, HoldStatus status, Long trappedItemId, LocalDate shelfExpiresOn,
                   Long illRequestId, boolean suspended, LocalDate suspendedUntil) implements Serializable {

    /** A hold that is not suspended. */
    public Hold(long id, long patronId, long bibId, Long itemId, String pickupLibrary, Instant placedAt,
                LocalDate expiresOn, HoldStatus status, Long trappedItemId, LocalDate shelfExpiresOn, Long illRequestId) {
        this(id, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, status, trappedItemId, shelfExpiresOn, illRequestId,
                false, null);
    }

    public boolean isItemLevel() {
        return itemId != null;
    }

    public Hold withId(long newId) {
        return new Hold(newId, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, status, trappedItemId, shelfExpiresOn, illRequestId, suspended, suspendedUntil);
    }

    public Hold withStatus(HoldStatus newStatus) {
        return new Hold(id, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, newStatus, trappedItemId, shelfExpiresOn, illRequestId, suspended, suspendedUntil);
    }

    public Hold trapped(long item, HoldStatus newStatus, LocalDate shelfExpiry) {
        return new Hold(id, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, newStatus, item, shelfExpiry, illRequestId, suspended, suspendedUntil);
    }

    /** Back in the queue, no item set aside (the trapped item went elsewhere). */
    public Hold untrapped() {
        return new Hold(id, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, HoldStatus.WAITING, null, null, illRequestId, suspended, suspendedUntil);
    }

    public Hold changed(String pickup, LocalDate expiry) {
        return new Hold(id, patronId, bibId, itemId, pickup == null ? pickupLibrary : pickup, placedAt,
                expiry == null ? expiresOn : expiry, status, trappedItemId, shelfExpiresOn, illRequestId, suspended, suspendedUntil);
    }

    /** Whether this hold can be filled by the given item of its bib. */
    public boolean acceptsItem(long candidateItemId) {
        return itemId == null || itemId == candidateItemId;
    }

    /** Suspended until the end of {@code until} (null: until resumed); keeps its place in the queue. */
    public Hold suspend(LocalDate until) {
        return new Hold(id, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, status, trappedItemId, shelfExpiresOn,
                illRequestId, true, until);
    }

    /** No longer suspended. */
    public Hold resumed() {
        return new Hold(id, patronId, bibId, itemId, pickupLibrary, placedAt, expiresOn, status, trappedItemId, shelfExpiresOn,
                illRequestId, false, null);
    }
}
