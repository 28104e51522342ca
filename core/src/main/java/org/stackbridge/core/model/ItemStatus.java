package org.stackbridge.core.model;

/** Circulation status of an item; covers SIP2 circulation status and NCIP CirculationStatus. */
public enum ItemStatus {
    AVAILABLE, CHECKED_OUT, ON_HOLD_SHELF, IN_TRANSIT, LOST, MISSING, DAMAGED, IN_PROCESS, WITHDRAWN,
    /** The borrower says it was returned; the loan stays open (fines stopped) until the item is found and checked in. */
    CLAIMS_RETURNED;

    /** Statuses from which an item may be lent. */
    public boolean circulates() {
        return this == AVAILABLE || this == ON_HOLD_SHELF || this == IN_TRANSIT;
    }
}
