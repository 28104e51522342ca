package org.stackbridge.core.model;

/** Whether we borrow an item from a partner for our patron, or lend ours to a partner. */
public enum IllRole {
    BORROWING, LENDING
}
