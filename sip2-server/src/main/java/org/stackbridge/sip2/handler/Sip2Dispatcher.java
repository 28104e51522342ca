package org.stackbridge.sip2.handler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.LoginThrottle;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * The request type → handler table, built once; construction fails when a mandatory message has no handler or a
 * type has two. 97 is not here: the connection answers it from the last response.
 */
public final class Sip2Dispatcher {

    static final Set<Sip2MessageType> MANDATORY = Collections.unmodifiableSet(EnumSet.of(Sip2MessageType.LOGIN_REQUEST,
            Sip2MessageType.SC_STATUS_REQUEST, Sip2MessageType.PATRON_STATUS_REQUEST, Sip2MessageType.PATRON_INFORMATION_REQUEST,
            Sip2MessageType.CHECKOUT_REQUEST, Sip2MessageType.CHECKIN_REQUEST, Sip2MessageType.ITEM_INFORMATION_REQUEST,
            Sip2MessageType.END_PATRON_SESSION_REQUEST));

    private final Map<Sip2MessageType, Sip2RequestHandler> table = new EnumMap<>(Sip2MessageType.class);

    public Sip2Dispatcher(List<? extends Sip2RequestHandler> handlers) {
        for (Sip2RequestHandler h : handlers) {
            if (h.requestType().direction() != Sip2MessageType.Direction.REQUEST) {
                throw new IllegalStateException(h.getClass().getSimpleName() + " is registered for a response, " + h.requestType());
            }
            Sip2RequestHandler previous = table.put(h.requestType(), h);
            if (previous != null) {
                throw new IllegalStateException("two handlers for " + h.requestType() + ": " + previous.getClass().getSimpleName()
                        + " and " + h.getClass().getSimpleName());
            }
        }
        for (Sip2MessageType t : MANDATORY) {
            if (!table.containsKey(t)) {
                throw new IllegalStateException("no handler for mandatory message " + t);
            }
        }
    }

    /** Every handler this server has, on the engine behind {@code port}. */
    public static Sip2Dispatcher standard(CirculationPort port, Clock clock, LoginThrottle throttle) {
        Sip2HandlerSupport support = new Sip2HandlerSupport(port, clock);
        List<Sip2RequestHandler> handlers = new ArrayList<>(List.of(
                new LoginHandler(support, throttle),
                new PatronStatusHandler(support),
                new BlockPatronHandler(support),
                new PatronEnableHandler(support),
                new PatronInformationHandler(support),
                new CheckoutHandler(support),
                new CheckinHandler(support),
                new RenewHandler(support),
                new RenewAllHandler(support),
                new ItemInformationHandler(support),
                new ItemStatusUpdateHandler(support),
                new HoldHandler(support),
                new FeePaidHandler(support),
                new EndPatronSessionHandler(support)));
        EnumSet<Sip2MessageType> handled = EnumSet.of(Sip2MessageType.SC_STATUS_REQUEST, Sip2MessageType.REQUEST_ACS_RESEND);
        handlers.forEach(h -> handled.add(h.requestType()));
        handlers.add(new ScStatusHandler(support, handled));
        return new Sip2Dispatcher(handlers);
    }

    /** The handler for a request type, or null. */
    public Sip2RequestHandler handler(Sip2MessageType type) {
        return table.get(type);
    }

    /** The request's own failure response with the screen message for {@code messageKey} (a key of Sip2Mapper's table). */
    public Sip2Response failure(Sip2Message request, Sip2Session session, String messageKey) {
        Sip2RequestHandler h = table.get(request.type());
        if (h == null) {
            throw new IllegalArgumentException("no failure response for " + request.type());
        }
        return h.failure(request, session, Sip2HandlerSupport.message(session, messageKey));
    }
}
