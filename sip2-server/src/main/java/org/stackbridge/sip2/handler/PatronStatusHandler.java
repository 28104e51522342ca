package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.spec.FieldCode.AA;
import static org.stackbridge.sip2.spec.FixedField.LANGUAGE;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 23 Patron Status Request → 24: the patron's status flags, PIN check and balance. */
final class PatronStatusHandler extends PatronStatusFamilyHandler {

    PatronStatusHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.PATRON_STATUS_REQUEST, Sip2MessageType.PATRON_STATUS_RESPONSE, support);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        return support.lookupPatron(req, s, req.trimmed(AA), Commands.PatronLines.NONE).thenApply(o -> from(req, s, o, req.fixed(LANGUAGE), null));
    }
}
