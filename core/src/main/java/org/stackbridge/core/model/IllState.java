package org.stackbridge.core.model;

/** States of an ILL request; which apply depends on the role. Transitions live in the ILL engine. */
public enum IllState {
    REQUESTED, SHIPPED_TO_US, RECEIVED, CHECKED_OUT_TO_PATRON, RETURNED_BY_PATRON, RETURNED_TO_LENDER,
    PICKED, CHECKED_OUT_TO_PARTNER, SHIPPED_TO_PARTNER, RETURNED_BY_PARTNER,
    COMPLETE, CANCELLED, UNFILLED, LOST_IN_TRANSIT, OVERDUE
}
