package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.LANGUAGE;
import static org.stackbridge.sip2.spec.FixedField.PATRON_STATUS;
import static org.stackbridge.sip2.spec.FixedField.TRANSACTION_DATE;

import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * The patron status shape shared by 24 (answer to 23 and 01) and 26 (answer to 25): the patron's flags, or the
 * denied status with BL N and an empty AE.
 */
final class PatronStatusResponses {

    private final Sip2HandlerSupport support;

    PatronStatusResponses(Sip2HandlerSupport support) {
        this.support = support;
    }

    /** 24 or 26 for a patron lookup outcome; an unknown patron gets the denied status, BL N and an empty AE. */
    Sip2Message from(Sip2MessageType type, Sip2Message req, Sip2Session s, Outcome<Views.PatronInfo> o, String lang,
                     String okMessageKey) {
        Sip2Profile p = s.profile();
        String language = lang == null ? p.language() : lang;
        if (o instanceof Outcome.Success<Views.PatronInfo> ok) {
            Views.PatronInfo info = ok.result();
            Sip2Message.Builder b = Sip2Message.builder(type);
            b.fixed(PATRON_STATUS, patronStatus(info.flags(), p)).fixed(LANGUAGE, language).fixed(TRANSACTION_DATE, support.now(s))
                    .field(AO, ao(req, s)).field(AA, info.patron().barcode()).field(AE, info.patron().name())
                    .field(BL, "Y");
            pinField(b, info.pin());
            if (type == Sip2MessageType.PATRON_STATUS_RESPONSE) {
                b.field(BH, currency(info.balance(), p)).field(BV, money(info.balance()));
            }
            if (info.pin() == Views.PinCheck.INVALID) {
                b.field(AF, screenMessage(p, pinFailureKey(info), language, null));
            } else if (okMessageKey != null) {
                b.field(AF, screenMessage(p, okMessageKey, language, null));
            }
            for (Views.BlockLine bl : info.blocks()) {
                if (bl.reason() != null && !bl.reason().isBlank()) {
                    b.field(AF, bl.reason());
                }
            }
            return b.build();
        }
        Outcome.Refused<Views.PatronInfo> r = (Outcome.Refused<Views.PatronInfo>) o;
        String msg = r.reason() == RefusalReason.UNKNOWN_PATRON ? screenMessage(p, "INVALID_PATRON", language, null)
                : refusalMessage(p, r.reason(), r.message(), language);
        return denied(type, req, s, language, msg);
    }

    /** The denied status: the failure response of 23, 01 and 25. */
    Sip2Message denied(Sip2MessageType type, Sip2Message req, Sip2Session s, String language, String af) {
        return Sip2Message.builder(type).fixed(PATRON_STATUS, DENIED_STATUS).fixed(LANGUAGE, language).fixed(TRANSACTION_DATE, support.now(s))
                .field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AE, "").field(BL, "N").field(AF, af).build();
    }

    /** CQ: Y for a valid PIN, N for an invalid one, absent when none was checked. */
    static void pinField(Sip2Message.Builder b, Views.PinCheck pin) {
        if (pin == Views.PinCheck.VALID) {
            b.field(CQ, "Y");
        } else if (pin == Views.PinCheck.INVALID) {
            b.field(CQ, "N");
        }
    }
}
