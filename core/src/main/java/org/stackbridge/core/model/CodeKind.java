package org.stackbridge.core.model;

/**
 * What a {@link CodeEntry} is. {@code PATRON_CATEGORY} and {@code ITEM_TYPE} are the code lists; {@code LIBRARY} and
 * {@code TERMINAL_ACCOUNT} entries only mark a library or SIP2 account as defined by the configuration file.
 */
public enum CodeKind {
    PATRON_CATEGORY, ITEM_TYPE, LIBRARY, TERMINAL_ACCOUNT
}
