package org.stackbridge.gateway.notice;

import org.stackbridge.core.port.Notices;

/**
 * Delivers e-mail notices. The job opens one {@link Connection} per sender thread and sends a page of notices over it
 * one after the other, so a mail server sees one session for many messages.
 */
public interface NoticeMailer {

    /** A connection for one thread (nothing happens on the wire until the first send). */
    Connection connect();

    /** One delivery session; not shared between threads. */
    interface Connection extends AutoCloseable {

        /** Delivers one notice; throws when it was not accepted (the job retries it later). */
        void send(Notices.NoticeRecord notice) throws Exception;

        @Override
        void close();
    }
}
