package org.stackbridge.core.model;

/** Kinds of debit in the fee ledger. */
public enum FeeType {
    OVERDUE, LOST, PROCESSING, DAMAGE, CARD_REPLACEMENT, ILL, HOLD, MANUAL
}
