package org.stackbridge.sip2.handler;

import java.util.concurrent.CompletionStage;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * What every handler starts with: the request type it answers, the shared support, and the check of the required
 * fields (a request without one gets the message's failure response with the MISSING_FIELD text).
 */
abstract class Sip2Handler implements Sip2RequestHandler {

    protected final Sip2HandlerSupport support;
    private final Sip2MessageType requestType;
    private final FieldCode[] required;

    /** @param required fields the request must carry non-blank; without one it gets the failure response */
    Sip2Handler(Sip2MessageType requestType, Sip2HandlerSupport support, FieldCode... required) {
        this.requestType = requestType;
        this.support = support;
        this.required = required.clone();
    }

    @Override
    public final CompletionStage<Sip2Response> handle(Sip2Message req, Sip2Session s, String requestKey) {
        for (FieldCode f : required) {
            if (req.trimmed(f) == null) {
                return missingField(req, s);
            }
        }
        return answer(req, s, requestKey);
    }

    /** Answers a request that carries the required fields. */
    protected abstract CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String requestKey);

    @Override
    public final Sip2MessageType requestType() {
        return requestType;
    }

    /** The message's failure response for a request that lacks a required field (AA, AB, ...). */
    protected final CompletionStage<Sip2Response> missingField(Sip2Message req, Sip2Session s) {
        return Sip2HandlerSupport.done(failure(req, s, Sip2HandlerSupport.message(s, "MISSING_FIELD")));
    }
}
