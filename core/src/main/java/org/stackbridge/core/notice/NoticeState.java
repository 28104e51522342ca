package org.stackbridge.core.notice;

/**
 * Where a notice stands in the outbox: recorded and not yet delivered (also while waiting for a retry), delivered
 * (mailed, or placed in a print batch), or given up after the last retry.
 */
public enum NoticeState {
    PENDING, SENT, FAILED
}
