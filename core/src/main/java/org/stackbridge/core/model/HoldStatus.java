package org.stackbridge.core.model;

/** Life cycle of a hold (request). */
public enum HoldStatus {
    /** Queued, not yet filled. */
    WAITING,
    /** An item is trapped and on its way to the pickup library. */
    IN_TRANSIT,
    /** An item is on the hold shelf at the pickup library. */
    READY,
    FILLED, CANCELLED, EXPIRED;

    public boolean isOpen() {
        return this == WAITING || this == IN_TRANSIT || this == READY;
    }
}
