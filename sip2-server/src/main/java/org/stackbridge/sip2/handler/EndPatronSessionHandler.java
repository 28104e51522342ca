package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.spec.FieldCode.AA;

import java.util.concurrent.CompletionStage;
import org.stackbridge.sip2.message.EndSessionResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 35 End Patron Session → 36. No patron state survives between requests, so there is nothing to clear. */
final class EndPatronSessionHandler extends Sip2Handler {

    EndPatronSessionHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.END_PATRON_SESSION_REQUEST, support);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        return done(new EndSessionResponse(true, support.now(s), ao(req, s), nz(req.field(AA)), null));
    }

    @Override
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return new EndSessionResponse(false, support.now(s), ao(req, s), nz(req.field(AA)), screenMessage);
    }
}
