package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.AB;
import static org.stackbridge.sip2.spec.FieldCode.AP;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.CheckinResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 09 Checkin → 10: returns the item at AP (else the login's location), with sort bin, alert type and the hold
 * patron for the hold shelf; a past return date is passed on as the time the item came back. An item that was not
 * on loan is answered ok 0 with the CHECKIN_NOT_ON_LOAN message unless the profile's checkinNotOnLoan is "ok".
 */
final class CheckinHandler extends Sip2Handler {

    CheckinHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.CHECKIN_REQUEST, support, AB);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String item = req.trimmed(AB);
        Sip2Profile p = s.profile();
        boolean noBlock = "Y".equalsIgnoreCase(req.fixed(NO_BLOCK));
        Instant returned = support.parseDate(req.fixed(RETURN_DATE), s);
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
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return refused(req, s, nz(req.field(AB)), false, screenMessage);
    }

    private CheckinResponse checkedIn(Sip2Message req, Sip2Session s, Views.CheckedIn c) {
        Sip2Profile p = s.profile();
        Views.ItemInfo i = c.item();
        Views.HoldTrap hold = c.hold();
        String msgKey = hold != null ? (hold.inTransit() ? "CHECKIN_TRANSIT" : "CHECKIN_HOLD")
                : c.destination() == Views.ReturnDestination.TRANSIT_HOME ? "CHECKIN_TRANSIT" : "CHECKIN_OK";
        // An item that was not on loan is still routed (sort bin, hold, transit), but refused unless the profile says ok.
        boolean ok = c.wasCheckedOut() || !p.refusesCheckinNotOnLoan();
        List<String> af = new ArrayList<>();
        if (!ok) {
            af.add(screenMessage(p, "CHECKIN_NOT_ON_LOAN", p.language(), null));
        }
        if (ok || !"CHECKIN_OK".equals(msgKey)) {
            af.add(screenMessage(p, msgKey, p.language(), null));
        }
        if (c.fine() != null && c.fine().isPositive()) {
            af.add(screenMessage(p, "CHECKIN_FINE", p.language(), null) + ": " + money(c.fine()));
        }
        return new CheckinResponse(ok, true, "N", c.alert(), support.now(s), ao(req, s), i.barcode(), nz(i.homeLibrary()),
                nz(i.title()), p.sortBins().get(c.destination().name()), hold == null ? null : hold.patronBarcode(),
                mediaType(i.itemType(), p), i.callNumber(), alertType(c),
                c.destination() != Views.ReturnDestination.RESHELVE ? c.destinationLibrary() : null,
                hold == null ? null : hold.patronBarcode(), hold == null ? null : hold.patronName(), af);
    }

    /** ok 0, magnetic media unknown, empty AQ; alert set when the engine refused (the item needs staff). */
    private CheckinResponse refused(Sip2Message req, Sip2Session s, String item, boolean alert, String af) {
        return new CheckinResponse(false, false, "U", alert, support.now(s), ao(req, s), item, "", null, null, null, null, null,
                null, null, null, null, af == null ? List.of() : List.of(af));
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
