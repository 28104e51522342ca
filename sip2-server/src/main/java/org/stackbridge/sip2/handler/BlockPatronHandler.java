package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.language;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.spec.FieldCode.AA;
import static org.stackbridge.sip2.spec.FieldCode.AL;
import static org.stackbridge.sip2.spec.FixedField.CARD_RETAINED;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 01 Block Patron → 24: blocks the patron (AL the reason, card retained or not) and answers the new status. */
final class BlockPatronHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;
    private final PatronStatusResponses responses;

    BlockPatronHandler(Sip2HandlerSupport support) {
        this.support = support;
        this.responses = new PatronStatusResponses(support);
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.BLOCK_PATRON_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        boolean retained = "Y".equalsIgnoreCase(req.fixed(CARD_RETAINED));
        return support.withLibrary(req, s, null, key, null,
                        ctx -> support.exec(s, new Commands.BlockPatron(ctx, patron, req.field(AL), retained)))
                .thenApply(o -> responses.from(Sip2MessageType.PATRON_STATUS_RESPONSE, req, s, o, s.profile().language(),
                        o.isSuccess() ? "PATRON_BLOCKED" : null));
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return responses.denied(Sip2MessageType.PATRON_STATUS_RESPONSE, req, s, language(req, s), screenMessage);
    }
}
