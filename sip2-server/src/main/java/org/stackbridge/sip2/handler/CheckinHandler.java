package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
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

/**
 * 09 Checkin → 10: returns the item at AP (else the login's location), with sort bin, alert type and the hold
 * patron for the hold shelf; a past return date is passed on as the time the item came back.
 */
final class CheckinHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;

    CheckinHandler(Sip2HandlerSupport support) {
        this.support = support;
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.CHECKIN_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String item = req.trimmed(AB);
        if (item == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        Sip2Profile p = s.profile();
        boolean noBlock = "Y".equalsIgnoreCase(req.fixed(NO_BLOCK));
        Instant returned = parseSipDate(req.fixed(RETURN_DATE), p.zone());
        Instant occurred = returned != null && returned.isBefore(support.clock().instant()) ? returned : null;
        return support.withLibrary(req, s, req.trimmed(AP), key, occurred, ctx -> support.exec(s, new Commands.CheckIn(ctx, item, noBlock)))
                .thenApply(o -> {
                    if (o instanceof Outcome.Success<Views.CheckedIn> ok) {
                        return checkedIn(req, s, ok.result());
                    }
                    Outcome.Refused<Views.CheckedIn> r = (Outcome.Refused<Views.CheckedIn>) o;
                    return refused(req, s, item, true, refusalMessage(p, r.reason(), r.message(), p.language()));
                });
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return refused(req, s, nz(req.field(AB)), false, screenMessage);
    }

    private Sip2Message checkedIn(Sip2Message req, Sip2Session s, Views.CheckedIn c) {
        Sip2Profile p = s.profile();
        Views.ItemInfo i = c.item();
        Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.CHECKIN_RESPONSE);
        b.ok(OK, true).fixed(RESENSITIZE, "Y").fixed(MAGNETIC_MEDIA, "N").yn(ALERT, c.alert())
                .fixed(TRANSACTION_DATE, support.now(s)).field(AO, ao(req, s)).field(AB, i.barcode())
                .field(AQ, nz(i.homeLibrary())).field(AJ, nz(i.title()));
        b.field(CL, p.sortBins().get(c.destination().name()));
        if (c.hold() != null) {
            b.field(AA, c.hold().patronBarcode());
        }
        b.field(CK, mediaType(i.itemType(), p)).field(CS, i.callNumber());
        String alertType = alertType(c);
        if (alertType != null) {
            b.field(CV, alertType);
        }
        if (c.destination() != Views.ReturnDestination.RESHELVE && c.destinationLibrary() != null) {
            b.field(CT, c.destinationLibrary());
        }
        if (c.hold() != null) {
            b.field(CY, c.hold().patronBarcode()).field(DA, c.hold().patronName());
        }
        String msgKey = c.hold() != null ? (c.hold().inTransit() ? "CHECKIN_TRANSIT" : "CHECKIN_HOLD")
                : c.destination() == Views.ReturnDestination.TRANSIT_HOME ? "CHECKIN_TRANSIT" : "CHECKIN_OK";
        b.field(AF, screenMessage(p, msgKey, p.language(), null));
        if (c.fine() != null && c.fine().isPositive()) {
            b.field(AF, screenMessage(p, "CHECKIN_FINE", p.language(), null) + ": " + money(c.fine()));
        }
        return b.build();
    }

    /** ok 0, magnetic media unknown, empty AQ; alert set when the engine refused (the item needs staff). */
    private Sip2Message refused(Sip2Message req, Sip2Session s, String item, boolean alert, String af) {
        return Sip2Message.builder(Sip2MessageType.CHECKIN_RESPONSE).ok(OK, false).fixed(RESENSITIZE, "N").fixed(MAGNETIC_MEDIA, "U")
                .yn(ALERT, alert).fixed(TRANSACTION_DATE, support.now(s)).field(AO, ao(req, s)).field(AB, item).field(AQ, "")
                .field(AF, af).build();
    }

    /** 3M CV: 01 hold here, 02 hold at another branch, 04 send to another branch, 99 other (ILL return). */
    private static String alertType(Views.CheckedIn c) {
        return switch (c.destination()) {
            case HOLD_SHELF -> "01";
            case TRANSIT_FOR_HOLD -> "02";
            case TRANSIT_HOME -> "04";
            case ILL_RETURN -> "99";
            case RESHELVE -> null;
        };
    }
}
