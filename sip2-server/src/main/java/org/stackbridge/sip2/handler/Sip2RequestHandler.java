package org.stackbridge.sip2.handler;

import java.util.concurrent.CompletionStage;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * Answers one kind of request (one class per message family, named after the spec). Never blocks: business calls go
 * through the asynchronous CirculationPort. Responses are typed records ({@link Sip2Response}); the encoder applies the terminal
 * profile's field hiding to all of them, so handlers never filter fields themselves.
 */
public interface Sip2RequestHandler {

    /** The request this handler answers. */
    Sip2MessageType requestType();

    /**
     * @param requestKey idempotency key for mutating commands (login + AY + content hash), or null without AY
     */
    CompletionStage<Sip2Response> handle(Sip2Message request, Sip2Session session, String requestKey);

    /**
     * The well-formed refusal of this request with {@code screenMessage} as AF: the one definition of the message's
     * failure response, used for a terminal not logged in, a foreign institution, an unsupported message, a missing
     * field or a system error, and by the handler's own refusals where the shape is the same.
     */
    Sip2Response failure(Sip2Message request, Sip2Session session, String screenMessage);
}
