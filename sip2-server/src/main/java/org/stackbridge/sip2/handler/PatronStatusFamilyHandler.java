package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.language;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.AA;

import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.PatronStatusResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * The handlers answered with the patron status shape: 24 (answer to 23 and 01) and 26 (answer to 25). They need AA,
 * answer with the patron's flags, and refuse with the denied status, BL N and an empty AE.
 */
abstract class PatronStatusFamilyHandler extends Sip2Handler {

    private final Sip2MessageType type;

    PatronStatusFamilyHandler(Sip2MessageType requestType, Sip2MessageType responseType, Sip2HandlerSupport support) {
        super(requestType, support, AA);
        this.type = responseType;
    }

    @Override
    public final Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return denied(req, s, language(req, s), screenMessage);
    }

    /** The response for a patron lookup outcome; an unknown patron gets the denied status, BL N and an empty AE. */
    final PatronStatusResponse from(Sip2Message req, Sip2Session s, Outcome<Views.PatronInfo> o, String lang, String okMessageKey) {
        Sip2Profile p = s.profile();
        String language = lang == null ? p.language() : lang;
        if (o instanceof Outcome.Success<Views.PatronInfo> ok) {
            Views.PatronInfo info = ok.result();
            boolean status = type == Sip2MessageType.PATRON_STATUS_RESPONSE;
            List<String> af = new ArrayList<>();
            if (info.pin() == Views.PinCheck.INVALID) {
                af.add(screenMessage(p, pinFailureKey(info), language, null));
            } else if (okMessageKey != null) {
                af.add(screenMessage(p, okMessageKey, language, null));
            }
            for (Views.BlockLine bl : info.blocks()) {
                if (bl.reason() != null && !bl.reason().isBlank()) {
                    af.add(bl.reason());
                }
            }
            return new PatronStatusResponse(type, patronStatus(info, p), language, support.now(s), ao(req, s),
                    info.patron().barcode(), info.patron().name(), "Y", pinField(info.pin()),
                    status ? currency(info.balance(), p) : null, status ? money(info.balance()) : null, af);
        }
        Outcome.Refused<Views.PatronInfo> r = (Outcome.Refused<Views.PatronInfo>) o;
        String msg = r.reason() == RefusalReason.UNKNOWN_PATRON ? screenMessage(p, "INVALID_PATRON", language, null)
                : refusalMessage(p, r.reason(), r.message(), language);
        return denied(req, s, language, msg);
    }

    /** The denied status: the failure response of 23, 01 and 25. */
    private PatronStatusResponse denied(Sip2Message req, Sip2Session s, String language, String af) {
        return new PatronStatusResponse(type, DENIED_STATUS, language, support.now(s), ao(req, s), nz(req.field(AA)), "", "N",
                null, null, null, af == null ? List.of() : List.of(af));
    }

    /** CQ: Y for a valid PIN, N for an invalid one, absent (null) when none was checked. */
    static String pinField(Views.PinCheck pin) {
        return pin == Views.PinCheck.VALID ? "Y" : pin == Views.PinCheck.INVALID ? "N" : null;
    }
}
