package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.time.LocalDate;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 15 Hold → 16: hold mode + places, - cancels, * changes a hold on an item (AB) or a title (AJ). */
final class HoldHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;

    HoldHandler(Sip2HandlerSupport support) {
        this.support = support;
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.HOLD_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String item = req.trimmed(AB);
        String title = req.trimmed(AJ);
        if (patron == null || (item == null && title == null)) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        Sip2Profile p = s.profile();
        String bib = item == null ? title : null;
        String pickup = req.trimmed(BS);
        LocalDate expires = parseSipDay(req.trimmed(BW) == null ? null : req.field(BW), p.zone());
        char mode = req.fixed(HOLD_MODE).charAt(0);
        return support.checkPin(req, s, patron).thenCompose(pinFail -> {
            if (pinFail != null) {
                return done(failure(req, s, pinFail));
            }
            return support.withLibrary(req, s, null, key, null, ctx -> {
                Command<?> cmd = switch (mode) {
                    case '+' -> new Commands.PlaceHold(ctx, patron, item, bib, pickup, expires);
                    case '-' -> new Commands.CancelHold(ctx, patron, item, bib);
                    default -> new Commands.ChangeHold(ctx, patron, item, bib, pickup, expires);
                };
                @SuppressWarnings("unchecked")
                CompletionStage<Outcome<Object>> r = support.exec(s, (Command<Object>) cmd);
                return r;
            }).thenApply(o -> {
                if (o instanceof Outcome.Refused<Object> r) {
                    return failure(req, s, refusalMessage(p, r.reason(), r.message(), p.language()));
                }
                return o.value() instanceof Views.HoldPlaced h ? placed(req, s, patron, h, mode)
                        : cancelled(req, s, patron, item == null ? title : null, (Views.HoldCancelled) o.value());
            });
        });
    }

    /** ok 0, not available, the request's AA, AB and AJ echoed. */
    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return Sip2Message.builder(Sip2MessageType.HOLD_RESPONSE).ok(OK, false).yn(AVAILABLE, false).fixed(TRANSACTION_DATE, support.now(s))
                .field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AB, req.trimmed(AB)).field(AJ, req.trimmed(AJ))
                .field(AF, screenMessage).build();
    }

    private Sip2Message placed(Sip2Message req, Sip2Session s, String patron, Views.HoldPlaced h, char mode) {
        Sip2Profile p = s.profile();
        Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.HOLD_RESPONSE).ok(OK, true)
                .yn(AVAILABLE, h.available()).fixed(TRANSACTION_DATE, support.now(s));
        if (h.expiresOn() != null) {
            b.field(BW, sipDate(h.expiresOn().atStartOfDay(p.zone()).toInstant(), p.zone()));
        }
        return b.field(BR, String.valueOf(h.queuePosition())).field(BS, h.pickupLibrary()).field(AO, ao(req, s))
                .field(AA, patron).field(AB, h.itemBarcode()).field(AJ, h.title())
                .field(AF, screenMessage(p, mode == '+' ? "HOLD_PLACED" : "HOLD_CHANGED", p.language(), null)).build();
    }

    private Sip2Message cancelled(Sip2Message req, Sip2Session s, String patron, String title, Views.HoldCancelled c) {
        Sip2Profile p = s.profile();
        return Sip2Message.builder(Sip2MessageType.HOLD_RESPONSE).ok(OK, true).yn(AVAILABLE, false)
                .fixed(TRANSACTION_DATE, support.now(s)).field(AO, ao(req, s)).field(AA, patron).field(AB, c.itemBarcode())
                .field(AJ, title).field(AF, screenMessage(p, "HOLD_CANCELLED", p.language(), null)).build();
    }
}
