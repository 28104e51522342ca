package org.stackbridge.core.model;

/** How a fee dispute was resolved: upheld waives what was disputed, rejected leaves it owed. */
public enum DisputeOutcome {
    UPHELD, REJECTED
}
