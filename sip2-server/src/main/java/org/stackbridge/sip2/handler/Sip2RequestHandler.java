package org.stackbridge.sip2.handler;

import java.util.concurrent.CompletionStage;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.server.Sip2Session;

/** Answers one kind of request. Never blocks: business calls go through the asynchronous CirculationPort. */
@FunctionalInterface
public interface Sip2RequestHandler {

    /**
     * @param requestKey idempotency key for mutating commands (login + AY + content hash), or null without AY
     */
    CompletionStage<Sip2Message> handle(Sip2Message request, Sip2Session session, String requestKey);
}
