package org.stackbridge.core.outcome;

/**
 * Patron status flags, in the order of SIP2's 14 patron-status positions (Y = denied/true), so both
 * SIP2 and NCIP derive from one evaluation.
 */
public enum PatronFlag {
    CHARGE_PRIVILEGES_DENIED,
    RENEWAL_PRIVILEGES_DENIED,
    RECALL_PRIVILEGES_DENIED,
    HOLD_PRIVILEGES_DENIED,
    CARD_REPORTED_LOST,
    TOO_MANY_ITEMS_CHARGED,
    TOO_MANY_ITEMS_OVERDUE,
    TOO_MANY_RENEWALS,
    TOO_MANY_CLAIMS_OF_ITEMS_RETURNED,
    TOO_MANY_ITEMS_LOST,
    EXCESSIVE_OUTSTANDING_FINES,
    EXCESSIVE_OUTSTANDING_FEES,
    RECALL_OVERDUE,
    TOO_MANY_ITEMS_BILLED;

    /** Zero-based SIP2 patron-status position. */
    public int sip2Position() {
        return ordinal();
    }
}
