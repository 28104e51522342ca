package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.pin;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.RenewAllResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 65 Renew All → 66: BM per renewed item, BN per refused one with an AF line naming it. */
final class RenewAllHandler extends Sip2Handler {

    RenewAllHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.RENEW_ALL_REQUEST, support, AA);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        Sip2Profile p = s.profile();
        return support.withLibrary(req, s, null, key, null, ctx -> support.exec(s, new Commands.RenewAll(ctx, patron, pin(req))))
                .thenApply(o -> {
                    if (o instanceof Outcome.Success<Views.RenewedAll> ok) {
                        Views.RenewedAll r = ok.result();
                        return new RenewAllResponse(true, support.now(s), ao(req, s),
                                r.renewed().stream().map(x -> x.item().barcode()).toList(),
                                r.refused().stream().map(Views.RenewFailure::itemBarcode).toList(),
                                r.refused().stream().map(f -> f.itemBarcode() + ": " + refusalMessage(p, f.reason(), f.message(),
                                        p.language())).toList());
                    }
                    Outcome.Refused<Views.RenewedAll> r = (Outcome.Refused<Views.RenewedAll>) o;
                    return failure(req, s, refusalMessage(p, r.reason(), r.message(), p.language()));
                });
    }

    @Override
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return new RenewAllResponse(false, support.now(s), ao(req, s), List.of(), List.of(),
                screenMessage == null ? List.of() : List.of(screenMessage));
    }
}
