package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.spec.FieldCode.AA;
import static org.stackbridge.sip2.spec.FieldCode.AL;
import static org.stackbridge.sip2.spec.FixedField.CARD_RETAINED;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 01 Block Patron → 24: blocks the patron (AL the reason, card retained or not) and answers the new status. */
final class BlockPatronHandler extends PatronStatusFamilyHandler {

    BlockPatronHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.BLOCK_PATRON_REQUEST, Sip2MessageType.PATRON_STATUS_RESPONSE, support);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        boolean retained = "Y".equalsIgnoreCase(req.fixed(CARD_RETAINED));
        return support.withLibrary(req, s, null, key, null,
                        ctx -> support.exec(s, new Commands.BlockPatron(ctx, req.trimmed(AA), req.field(AL), retained)))
                .thenApply(o -> from(req, s, o, s.profile().language(), o.isSuccess() ? "PATRON_BLOCKED" : null));
    }
}
