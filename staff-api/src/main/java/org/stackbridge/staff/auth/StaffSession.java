package org.stackbridge.staff.auth;

import java.security.Principal;
import java.time.Instant;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.model.StaffRole;

/**
 * A logged-in staff member, as fixed at login: the role, and for a library-scoped account the library and the
 * institution it belongs to (null for both: every institution).
 */
public record StaffSession(String login, StaffRole role, String library, String institution, Instant expiresAt) implements Principal {

    @Override
    public String getName() {
        return login;
    }

    public boolean allows(StaffPermission permission) {
        return role.allows(permission);
    }
}
