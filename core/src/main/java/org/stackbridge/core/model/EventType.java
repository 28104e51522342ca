package org.stackbridge.core.model;

/** Kinds of circulation event in the append-only event log. */
public enum EventType {
    CHECKOUT, RENEW, CHECKIN, HOLD_PLACED, HOLD_CANCELLED, HOLD_CHANGED, HOLD_TRAPPED, FEE_ASSESSED, FEE_PAID,
    FEE_WAIVED, PATRON_BLOCKED, PATRON_UNBLOCKED, ITEM_STATUS_CHANGED, ILL_TRANSITION,
    PATRON_CREATED, ITEM_CREATED, BIB_CREATED, BIB_UPDATED,
    /** Administration (the detail carries the before and after values): libraries, code lists, rules, accounts. */
    LIBRARY_CHANGED, CODE_CHANGED, RULE_CHANGED, TERMINAL_ACCOUNT_CHANGED, STAFF_ACCOUNT_CHANGED,
    PATRON_UPDATED, PATRON_CARD_REPLACED, PATRON_PIN_RESET, PATRON_MEMBERSHIP_CHANGED, PATRON_ANONYMISED,
    FEE_REFUNDED, FEE_DISPUTED, FEE_DISPUTE_RESOLVED,
    /** A desk checkout let through refusals by a staff override; the detail names them and the reason. */
    CHECKOUT_OVERRIDE,
    /** An item's cataloguing data (type, library, location, call number, price) changed. */
    ITEM_UPDATED,
    /** A borrower claims an item on loan was returned. */
    CLAIMED_RETURNED,
    /** A SIP2 terminal profile stored in the database was added, changed or removed (before and after in the detail). */
    TERMINAL_PROFILE_CHANGED,
    /** The housekeeping job removed the patron link of closed loans (the detail has the counts, never a patron). */
    LOAN_HISTORY_ANONYMISED,
    /** The configuration files were reloaded on a running gateway (the detail says what changed and what needs a restart). */
    CONFIGURATION_RELOADED
}
