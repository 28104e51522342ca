package org.stackbridge.core.policy;

/** What happens to a due date that falls on a day the library is closed. */
public enum ClosedDayStrategy {
    /** Keep the computed due date even when the library is closed. */
    KEEP,
    /** Move to the end of the next day the library is open. */
    NEXT_OPEN_DAY,
    /** Move to the end of the previous day the library is open. */
    PREVIOUS_OPEN_DAY
}
