package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.language;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.pin;
import static org.stackbridge.sip2.spec.FieldCode.AA;
import static org.stackbridge.sip2.spec.FixedField.LANGUAGE;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 23 Patron Status Request → 24: the patron's status flags, PIN check and balance. */
final class PatronStatusHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;
    private final PatronStatusResponses responses;

    PatronStatusHandler(Sip2HandlerSupport support) {
        this.support = support;
        this.responses = new PatronStatusResponses(support);
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.PATRON_STATUS_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        String lang = req.fixed(LANGUAGE);
        return support.exec(s, new Commands.LookupPatron(support.ctx(req, s, null, null, null), patron, pin(req)))
                .thenApply(o -> responses.from(Sip2MessageType.PATRON_STATUS_RESPONSE, req, s, o, lang, null));
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return responses.denied(Sip2MessageType.PATRON_STATUS_RESPONSE, req, s, language(req, s), screenMessage);
    }
}
