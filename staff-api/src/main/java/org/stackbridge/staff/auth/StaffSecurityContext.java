package org.stackbridge.staff.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The security context of a staff request: the logged-in {@link StaffSession}, or none before authentication. */
public record StaffSecurityContext(StaffSession session, boolean secure) implements SecurityContext {

    public static final StaffSecurityContext UNAUTHENTICATED = new StaffSecurityContext(null, false);

    @Override
    public Principal getUserPrincipal() {
        return session;
    }

    @Override
    public boolean isUserInRole(String role) {
        return session != null && session.role().label().equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return session == null ? null : "Bearer";
    }
}
