package org.stackbridge.sip2.session;

import static org.stackbridge.sip2.spec.FieldCode.CN;
import static org.stackbridge.sip2.spec.FieldCode.CO;

import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * What of a 93 may be logged: its login name, and only when it parsed cleanly (a well-formed 93 with exactly one CN
 * and one CO, the name made of letters, digits and {@code . _ @ -}). A 93 with a missing delimiter has the password
 * inside CN ({@code CNprobeXCOsecret}), so anything else is never logged.
 */
public final class LoginNames {

    private static final int MAX_LENGTH = 64;

    private LoginNames() {
    }

    /** The login name to log, or null when none may be logged. */
    public static String loggable(Sip2Message login) {
        // an undecodable 93 has no fields, so it never yields a name
        if (login == null || login.type() != Sip2MessageType.LOGIN_REQUEST || login.all(CN).size() != 1 || login.all(CO).size() != 1) {
            return null;
        }
        String name = login.field(CN).strip();
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '@' || c == '-'))) {
                return null;
            }
        }
        return name;
    }

    /** The loggable name quoted, else a placeholder that says nothing about the content. */
    public static String forLog(Sip2Message login) {
        String name = loggable(login);
        return name == null ? "(malformed 93, name not logged)" : "'" + name + "'";
    }
}
