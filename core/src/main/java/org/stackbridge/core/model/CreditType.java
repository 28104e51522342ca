package org.stackbridge.core.model;

/**
 * Kinds of credit in the fee ledger. A {@code REFUND} gives back money paid on a fee: it is allocated to the fee
 * it refunds but does not change what the fee still owes. {@code DISPUTE_UPHELD} waives what a fee still owed when
 * the patron's dispute of it was upheld.
 */
public enum CreditType {
    PAYMENT, WAIVER, REFUND, CANCELLATION, DISPUTE_UPHELD;

    /** Credits that settle what a fee owes without money changing hands. */
    public boolean isWaiver() {
        return this == WAIVER || this == CANCELLATION || this == DISPUTE_UPHELD;
    }
}
