package org.stackbridge.sip2.message;

import org.stackbridge.sip2.spec.FixedField;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 94 Login Response.
 *
 * @param ok 1 if the login was successful, 0 if not
 */
public record LoginResponse(boolean ok) implements Sip2Response {

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.LOGIN_RESPONSE).ok(FixedField.OK, ok).build();
    }
}
