package org.stackbridge.sip2.server;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * Retransmission handling of one connection: request keys (login + AY + hash of the frame), the stored response
 * for a repeated request, and the idempotency key handed to the engine for mutating commands. Only a retransmission
 * of the terminal's previous request is one: the previous request on this connection, or, as the first request after
 * a re-login, the login's previous request on any connection (kept in the {@link ReplayCache}). Any other repeat of
 * the same bytes (jsip2 repeats AY0; kiosks cycle AY 0-9) is a new transaction and gets a fresh engine key.
 */
final class Sip2Retransmissions {

    private static final Logger LOG = LoggerFactory.getLogger(Sip2Retransmissions.class);
    /** Asks the engine for the terminal's newest stored request with the same bytes (core's RetransmissionKeys). */
    static final String IF_NEWEST = "#?";
    private static final Set<Sip2MessageType> MUTATING = EnumSet.of(Sip2MessageType.CHECKOUT_REQUEST,
            Sip2MessageType.CHECKIN_REQUEST, Sip2MessageType.RENEW_REQUEST, Sip2MessageType.RENEW_ALL_REQUEST,
            Sip2MessageType.FEE_PAID_REQUEST, Sip2MessageType.HOLD_REQUEST, Sip2MessageType.BLOCK_PATRON_REQUEST,
            Sip2MessageType.PATRON_ENABLE_REQUEST, Sip2MessageType.ITEM_STATUS_UPDATE_REQUEST);

    private final Sip2Session session;
    private final ReplayCache replay;
    private boolean afterLogin;
    /** The request being handled is the first after a (re)login: it may repeat one sent to another connection or node. */
    private boolean firstAfterLogin;

    Sip2Retransmissions(Sip2Session session, ReplayCache replay) {
        this.session = session;
        this.replay = replay;
    }

    /**
     * The engine's idempotency key for a request answered afresh (null unless it is mutating and has AY), and the
     * record of it as the login's previous request. A retransmission of the previous request gets that request's key
     * (so the engine acts at most once); when this node may not know the previous request (the first request after a
     * re-login, which may have gone to another node or to this one before a restart) the key is AY + hash + "#?", and
     * the engine replays the terminal's newest stored request if it had these bytes (core's RetransmissionKeys); any
     * other request gets AY + hash + a fresh suffix, so an old outcome with the same bytes is never replayed for it.
     */
    String engineKey(Sip2Message m, String key) {
        Sip2MessageType type = m.type();
        String login = session.login();
        if (login == null || type == Sip2MessageType.LOGIN_REQUEST || (type == Sip2MessageType.SC_STATUS_REQUEST && afterLogin)) {
            // a re-login and the status polls right after it do not hide the request a terminal is about to retransmit
            return null;
        }
        ReplayCache.Previous previous = replay.previous(login);
        String engineKey = null;
        if (key != null && MUTATING.contains(type)) {
            String durable = key.substring(key.indexOf(':') + 1);
            if (previous != null && key.equals(previous.requestKey())) {
                engineKey = previous.engineKey();
            } else if (previous == null || firstAfterLogin) {
                // this node does not know the terminal's last request (it was sent elsewhere, or before a restart):
                // the engine replays the terminal's newest stored request if it had these bytes
                engineKey = durable + IF_NEWEST;
            } else {
                engineKey = durable + "#" + UUID.randomUUID();
            }
        }
        replay.previous(login, new ReplayCache.Previous(key, engineKey));
        return engineKey;
    }

    /** login + AY + SHA-256 of the exact frame: the same retransmitted request maps to the same key. */
    String requestKey(Sip2Message m, byte[] raw) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            int start = 0;
            while (start < raw.length && raw[start] == '\n') {
                start++;
            }
            d.update(raw, start, raw.length - start);
            String hash = HexFormat.of().formatHex(d.digest(), 0, 16);
            return (session.login() == null ? "-" : session.login()) + ":" + m.sequence() + ":" + hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored response when {@code m} (with request key {@code key}, may be null) is a retransmission, else null. */
    byte[] storedResponse(Sip2Message m, String key) {
        Sip2MessageType type = m.type();
        if (key != null && key.equals(session.lastRequestKey()) && session.lastResponse() != null) {
            LOG.info("SIP2 retransmitted {} (AY{}): replaying the stored response", type.code(), m.sequence());
            return session.lastResponse();
        }
        boolean sessionRequest = type == Sip2MessageType.LOGIN_REQUEST || type == Sip2MessageType.SC_STATUS_REQUEST;
        // Across connections only the first request after a (re)login can be a retransmission of a lost answer;
        // later identical requests are new transactions (jsip2 repeats AY0 on every message).
        firstAfterLogin = false;
        if (key != null && afterLogin && !sessionRequest) {
            afterLogin = false;
            firstAfterLogin = true;
            ReplayCache.Previous previous = replay.previous(session.login());
            byte[] stored = previous != null && key.equals(previous.requestKey()) ? replay.find(session.login(), key) : null;
            if (stored != null) {
                LOG.info("SIP2 retransmitted {} (AY{}) after reconnect: replaying the stored response", type.code(), m.sequence());
                session.lastResponse(stored);
                session.lastRequestKey(key);
                return stored;
            }
        }
        if (!sessionRequest) {
            afterLogin = false;
        }
        return null;
    }

    /** A terminal logged in: its next request may repeat one whose answer was lost with the previous connection. */
    void loggedIn() {
        afterLogin = true;
    }

    /** Keeps the response for 97 and for retransmissions (across connections once logged in). */
    void remember(Sip2Message request, String key, byte[] bytes) {
        session.lastResponse(bytes);
        session.lastRequestKey(key);
        if (key != null && session.loggedIn() && request.type() != Sip2MessageType.LOGIN_REQUEST) {
            replay.put(session.login(), key, bytes);
        }
    }
}
