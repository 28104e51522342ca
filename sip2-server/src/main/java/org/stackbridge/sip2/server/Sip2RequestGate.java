package org.stackbridge.sip2.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.sip2.handler.Sip2Dispatcher;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * Whether the connection may make a request now: logged in (or a 93, or a 99 when allowed before login), supported
 * by the profile, in an institution the terminal serves. A refused request gets its own failure response.
 */
final class Sip2RequestGate {

    private static final Logger LOG = LoggerFactory.getLogger(Sip2RequestGate.class);

    private final Sip2Session session;
    private final Sip2Settings settings;
    private final Sip2Dispatcher handlers;

    Sip2RequestGate(Sip2Session session, Sip2Settings settings, Sip2Dispatcher handlers) {
        this.session = session;
        this.settings = settings;
        this.handlers = handlers;
    }

    /** A refusal for requests the connection may not make now, or null to go ahead. */
    Sip2Response refusal(Sip2Message m) {
        Sip2MessageType type = m.type();
        if (!session.loggedIn()) {
            if (type == Sip2MessageType.LOGIN_REQUEST
                    || (type == Sip2MessageType.SC_STATUS_REQUEST && settings.allowStatusBeforeLogin())) {
                return null;
            }
            LOG.info("SIP2 {} before login refused", type.code());
            return handlers.failure(m, session, "NOT_LOGGED_IN");
        }
        if (type == Sip2MessageType.LOGIN_REQUEST || type == Sip2MessageType.SC_STATUS_REQUEST) {
            return null;
        }
        if (!session.profile().supports(type.code())) {
            LOG.info("SIP2 {} not supported by profile", type.code());
            return handlers.failure(m, session, "NOT_SUPPORTED");
        }
        if (session.institutionFor(m.trimmed(FieldCode.AO)) == null) {
            LOG.warn("SIP2 {} for foreign institution '{}' refused", type.code(), m.trimmed(FieldCode.AO));
            return handlers.failure(m, session, "OUT_OF_INSTITUTION");
        }
        return null;
    }
}
