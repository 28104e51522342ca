package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
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
import org.stackbridge.sip2.message.RenewResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 29 Renew → 30: renews one loan; a refusal names the item and its current due date when the engine knows it. */
final class RenewHandler extends Sip2Handler {

    RenewHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.RENEW_REQUEST, support, AA, AB);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String item = req.trimmed(AB);
        Sip2Profile p = s.profile();
        Instant occurred = "Y".equalsIgnoreCase(req.fixed(NO_BLOCK)) ? support.parseDate(req.fixed(TRANSACTION_DATE), s) : null;
        return support.withLibrary(req, s, null, key, occurred, ctx -> support.exec(s, new Commands.Renew(ctx, patron, item, pin(req))))
                .thenApply(o -> {
                    if (o instanceof Outcome.Success<Views.Renewed> ok) {
                        Views.Renewed r = ok.result();
                        return new RenewResponse(true, true, "N", true, support.now(s), ao(req, s), patron, r.item().barcode(),
                                nz(r.item().title()), support.dueDate(r.dueAt(), s), mediaType(r.item().itemType(), p),
                                screenMessage(p, "RENEW_OK", p.language(), null));
                    }
                    Outcome.Refused<Views.Renewed> r = (Outcome.Refused<Views.Renewed>) o;
                    Views.ItemInfo i = r.context() instanceof Views.ItemInfo ii ? ii : null;
                    return refused(req, s, patron, item, i, refusalMessage(p, r.reason(), r.message(), p.language()));
                });
    }

    @Override
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return refused(req, s, nz(req.field(AA)), nz(req.field(AB)), null, screenMessage);
    }

    /** ok 0; title and current due date when the engine named the item, else empty and magnetic media unknown. */
    private RenewResponse refused(Sip2Message req, Sip2Session s, String patron, String item, Views.ItemInfo i, String af) {
        return new RenewResponse(false, false, i == null ? "U" : "N", false, support.now(s), ao(req, s), patron, item,
                i == null ? "" : nz(i.title()), i == null ? "" : support.dueDate(i.dueAt(), s), null, af);
    }
}
