package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
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
import org.stackbridge.sip2.message.HoldResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 15 Hold → 16: hold mode + places, - cancels, * changes a hold on an item (AB) or a title (AJ). */
final class HoldHandler extends Sip2Handler {

    HoldHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.HOLD_REQUEST, support, AA);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String item = req.trimmed(AB);
        String title = req.trimmed(AJ);
        if (item == null && title == null) {
            return missingField(req, s);
        }
        Sip2Profile p = s.profile();
        String bib = item == null ? title : null;
        String pickup = req.trimmed(BS);
        LocalDate expires = support.parseDay(req.trimmed(BW) == null ? null : req.field(BW), s);
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
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return new HoldResponse(false, false, support.now(s), null, null, null, ao(req, s), nz(req.field(AA)), req.trimmed(AB),
                req.trimmed(AJ), screenMessage);
    }

    private HoldResponse placed(Sip2Message req, Sip2Session s, String patron, Views.HoldPlaced h, char mode) {
        Sip2Profile p = s.profile();
        return new HoldResponse(true, h.available(), support.now(s), h.expiresOn() == null ? null : support.day(h.expiresOn(), s),
                String.valueOf(h.queuePosition()), h.pickupLibrary(), ao(req, s), patron, h.itemBarcode(), h.title(),
                screenMessage(p, mode == '+' ? "HOLD_PLACED" : "HOLD_CHANGED", p.language(), null));
    }

    private HoldResponse cancelled(Sip2Message req, Sip2Session s, String patron, String title, Views.HoldCancelled c) {
        Sip2Profile p = s.profile();
        return new HoldResponse(true, false, support.now(s), null, null, null, ao(req, s), patron, c.itemBarcode(), title,
                screenMessage(p, "HOLD_CANCELLED", p.language(), null));
    }
}
