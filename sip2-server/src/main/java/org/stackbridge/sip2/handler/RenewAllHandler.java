package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.pin;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 65 Renew All → 66: BM per renewed item, BN per refused one with an AF line naming it. */
final class RenewAllHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;

    RenewAllHandler(Sip2HandlerSupport support) {
        this.support = support;
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.RENEW_ALL_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        Sip2Profile p = s.profile();
        return support.withLibrary(req, s, null, key, null, ctx -> support.exec(s, new Commands.RenewAll(ctx, patron, pin(req))))
                .thenApply(o -> {
                    if (o instanceof Outcome.Success<Views.RenewedAll> ok) {
                        Views.RenewedAll r = ok.result();
                        Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.RENEW_ALL_RESPONSE).ok(OK, true)
                                .fixed(RENEWED_COUNT, n4(r.renewed().size())).fixed(UNRENEWED_COUNT, n4(r.refused().size()))
                                .fixed(TRANSACTION_DATE, support.now(s)).field(AO, ao(req, s));
                        b.fields(BM, r.renewed().stream().map(x -> x.item().barcode()).toList());
                        b.fields(BN, r.refused().stream().map(Views.RenewFailure::itemBarcode).toList());
                        for (Views.RenewFailure f : r.refused()) {
                            b.field(AF, f.itemBarcode() + ": " + refusalMessage(p, f.reason(), f.message(), p.language()));
                        }
                        return b.build();
                    }
                    Outcome.Refused<Views.RenewedAll> r = (Outcome.Refused<Views.RenewedAll>) o;
                    return failure(req, s, refusalMessage(p, r.reason(), r.message(), p.language()));
                });
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return Sip2Message.builder(Sip2MessageType.RENEW_ALL_RESPONSE).ok(OK, false).fixed(RENEWED_COUNT, "0000")
                .fixed(UNRENEWED_COUNT, "0000").fixed(TRANSACTION_DATE, support.now(s)).field(AO, ao(req, s))
                .field(AF, screenMessage).build();
    }
}
