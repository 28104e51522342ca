package org.stackbridge.core.model;

/** Kinds of circulation event in the append-only event log. */
public enum EventType {
    CHECKOUT, RENEW, CHECKIN, HOLD_PLACED, HOLD_CANCELLED, HOLD_CHANGED, HOLD_TRAPPED, FEE_ASSESSED, FEE_PAID,
    FEE_WAIVED, PATRON_BLOCKED, PATRON_UNBLOCKED, ITEM_STATUS_CHANGED, ILL_TRANSITION,
    PATRON_CREATED, ITEM_CREATED, BIB_CREATED, BIB_UPDATED,
    /** A patron or an item changed by an import (the detail has the values before and after). */
    PATRON_UPDATED, ITEM_UPDATED
}
