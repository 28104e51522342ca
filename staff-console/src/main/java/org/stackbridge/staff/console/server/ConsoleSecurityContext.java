package org.stackbridge.staff.console.server;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.stackbridge.staff.console.auth.ConsoleSession;

/**
 * The security context of a console request: the signed-in session (null before sign-in), whether the browser reached
 * the gateway over TLS (then cookies are {@code Secure}), and the sign-in form's pre-session token from its cookie.
 */
public record ConsoleSecurityContext(ConsoleSession session, boolean secure, String signInToken) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return session;
    }

    /**
     * The session of a request from what Jersey injects (a proxy that forwards to this context); null before sign-in.
     */
    public static ConsoleSession sessionOf(SecurityContext security) {
        return security.getUserPrincipal() instanceof ConsoleSession s ? s : null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return session != null && session.staff().role().label().equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return session == null ? null : "Cookie";
    }
}
