package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.mapping.Sip2Mapper.n3;
import static org.stackbridge.sip2.mapping.Sip2Mapper.sipDate;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.stackbridge.sip2.message.AcsStatusResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 99 SC Status → 98 ACS Status: on-line flags and BX from the handled messages the profile allows; on-line status N
 * while the backend is unavailable (its storage circuit breaker open).
 */
final class ScStatusHandler extends Sip2Handler {

    private final Set<Sip2MessageType> handled;

    /** @param handled every request type the server answers (BX is Y for those the profile also allows) */
    ScStatusHandler(Sip2HandlerSupport support, Set<Sip2MessageType> handled) {
        super(Sip2MessageType.SC_STATUS_REQUEST, support);
        this.handled = Set.copyOf(handled);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        // on-line status N while the storage is unreachable, so kiosks show "out of service" instead of failing each patron
        return done(acsStatus(s, support.backendAvailable()));
    }

    /** Off-line status: the refusal of a 99 (e.g. before login when the settings forbid it). */
    @Override
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
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

    private AcsStatusResponse acsStatus(Sip2Session s, boolean online) {
        Sip2Profile p = s.profile();
        String bx = supportedMessages(p);
        return new AcsStatusResponse(online, online && bx.charAt(2) == 'Y', online && bx.charAt(1) == 'Y',
                online && bx.charAt(14) == 'Y', online && bx.charAt(11) == 'Y', p.offlineOk(), n3(p.timeoutPeriod()),
                n3(p.retriesAllowed()), sipDate(support.clock().instant(), support.zone(s)), "2.00", s.institution(),
                p.libraryName().isEmpty() ? null : p.libraryName(), bx, s.location());
    }
}
