package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.mapping.Sip2Mapper.n3;
import static org.stackbridge.sip2.mapping.Sip2Mapper.sipDate;
import static org.stackbridge.sip2.spec.FieldCode.AM;
import static org.stackbridge.sip2.spec.FieldCode.AN;
import static org.stackbridge.sip2.spec.FieldCode.AO;
import static org.stackbridge.sip2.spec.FieldCode.BX;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 99 SC Status → 98 ACS Status: on-line flags and BX from the handled messages the profile allows. */
final class ScStatusHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;
    private final Set<Sip2MessageType> handled;

    /** @param handled every request type the server answers (BX is Y for those the profile also allows) */
    ScStatusHandler(Sip2HandlerSupport support, Set<Sip2MessageType> handled) {
        this.support = support;
        this.handled = Set.copyOf(handled);
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.SC_STATUS_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        return done(acsStatus(s, true));
    }

    /** Off-line status: the refusal of a 99 (e.g. before login when the settings forbid it). */
    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return acsStatus(s, false);
    }

    /** BX for a profile: Y for each request this server handles and the profile allows. */
    String supportedMessages(Sip2Profile p) {
        char[] bx = new char[16];
        for (Sip2MessageType t : Sip2MessageType.values()) {
            if (t.bxPosition() >= 0) {
                bx[t.bxPosition()] = handled.contains(t) && p.supports(t.code()) ? 'Y' : 'N';
            }
        }
        return new String(bx);
    }

    private Sip2Message acsStatus(Sip2Session s, boolean online) {
        Sip2Profile p = s.profile();
        String bx = supportedMessages(p);
        return Sip2Message.builder(Sip2MessageType.ACS_STATUS_RESPONSE)
                .yn(ONLINE_STATUS, online)
                .yn(CHECKIN_OK, online && bx.charAt(2) == 'Y')
                .yn(CHECKOUT_OK, online && bx.charAt(1) == 'Y')
                .yn(ACS_RENEWAL_POLICY, online && bx.charAt(14) == 'Y')
                .yn(STATUS_UPDATE_OK, online && bx.charAt(11) == 'Y')
                .yn(OFFLINE_OK, p.offlineOk())
                .fixed(TIMEOUT_PERIOD, n3(p.timeoutPeriod()))
                .fixed(RETRIES_ALLOWED, n3(p.retriesAllowed()))
                .fixed(DATE_TIME_SYNC, sipDate(support.clock().instant(), p.zone()))
                .fixed(PROTOCOL_VERSION, "2.00")
                .field(AO, s.institution())
                .field(AM, p.libraryName().isEmpty() ? null : p.libraryName())
                .field(BX, bx)
                .field(AN, s.location())
                .build();
    }
}
