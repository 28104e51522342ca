package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.pin;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 29 Renew → 30: renews one loan; a refusal names the item and its current due date when the engine knows it. */
final class RenewHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;

    RenewHandler(Sip2HandlerSupport support) {
        this.support = support;
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.RENEW_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String item = req.trimmed(AB);
        if (patron == null || item == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        Sip2Profile p = s.profile();
        Instant occurred = "Y".equalsIgnoreCase(req.fixed(NO_BLOCK)) ? parseSipDate(req.fixed(TRANSACTION_DATE), p.zone()) : null;
        return support.withLibrary(req, s, null, key, occurred, ctx -> support.exec(s, new Commands.Renew(ctx, patron, item, pin(req))))
                .thenApply(o -> {
                    if (o instanceof Outcome.Success<Views.Renewed> ok) {
                        Views.Renewed r = ok.result();
                        return Sip2Message.builder(Sip2MessageType.RENEW_RESPONSE).ok(OK, true).yn(RENEWAL_OK, true)
                                .fixed(MAGNETIC_MEDIA, "N").fixed(DESENSITIZE, "Y").fixed(TRANSACTION_DATE, support.now(s))
                                .field(AO, ao(req, s)).field(AA, patron).field(AB, r.item().barcode()).field(AJ, nz(r.item().title()))
                                .field(AH, dueDate(r.dueAt(), p)).field(CK, mediaType(r.item().itemType(), p))
                                .field(AF, screenMessage(p, "RENEW_OK", p.language(), null)).build();
                    }
                    Outcome.Refused<Views.Renewed> r = (Outcome.Refused<Views.Renewed>) o;
                    Views.ItemInfo i = r.context() instanceof Views.ItemInfo ii ? ii : null;
                    return refused(req, s, patron, item, i, refusalMessage(p, r.reason(), r.message(), p.language()));
                });
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return refused(req, s, nz(req.field(AA)), nz(req.field(AB)), null, screenMessage);
    }

    /** ok 0; title and current due date when the engine named the item, else empty and magnetic media unknown. */
    private Sip2Message refused(Sip2Message req, Sip2Session s, String patron, String item, Views.ItemInfo i, String af) {
        return Sip2Message.builder(Sip2MessageType.RENEW_RESPONSE).ok(OK, false).yn(RENEWAL_OK, false)
                .fixed(MAGNETIC_MEDIA, i == null ? "U" : "N").fixed(DESENSITIZE, "N").fixed(TRANSACTION_DATE, support.now(s))
                .field(AO, ao(req, s)).field(AA, patron).field(AB, item).field(AJ, i == null ? "" : nz(i.title()))
                .field(AH, i == null ? "" : dueDate(i.dueAt(), s.profile())).field(AF, af).build();
    }
}
