package org.stackbridge.core.notice;

/** How a notice reaches the patron: an e-mail, or a page of the printed batch. */
public enum NoticeChannel {
    EMAIL, PRINT
}
