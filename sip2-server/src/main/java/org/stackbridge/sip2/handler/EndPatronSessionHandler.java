package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.spec.FieldCode.AA;
import static org.stackbridge.sip2.spec.FieldCode.AF;
import static org.stackbridge.sip2.spec.FieldCode.AO;
import static org.stackbridge.sip2.spec.FixedField.END_SESSION;
import static org.stackbridge.sip2.spec.FixedField.TRANSACTION_DATE;

import java.util.concurrent.CompletionStage;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 35 End Patron Session → 36. No patron state survives between requests, so there is nothing to clear. */
final class EndPatronSessionHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;

    EndPatronSessionHandler(Sip2HandlerSupport support) {
        this.support = support;
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.END_PATRON_SESSION_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        return done(response(req, s, true, null));
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return response(req, s, false, screenMessage);
    }

    private Sip2Message response(Sip2Message req, Sip2Session s, boolean ended, String af) {
        return Sip2Message.builder(Sip2MessageType.END_SESSION_RESPONSE).yn(END_SESSION, ended).fixed(TRANSACTION_DATE, support.now(s))
                .field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AF, af).build();
    }
}
