package org.stackbridge.core.model;

/** Kinds of credit in the fee ledger. */
public enum CreditType {
    PAYMENT, WAIVER, REFUND, CANCELLATION
}
