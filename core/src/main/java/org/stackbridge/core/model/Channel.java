package org.stackbridge.core.model;

/** Where a request came from; recorded on loans, fees and events. */
public enum Channel {
    DESK, SIP2, NCIP, Z3950, SRU, API, CLI, SYSTEM
}
