package org.stackbridge.gateway.notice;

import org.stackbridge.core.port.Notices;

/** Delivers one e-mail notice; throws when it was not accepted (the job retries it later). */
public interface NoticeMailer {

    void send(Notices.NoticeRecord notice) throws Exception;
}
