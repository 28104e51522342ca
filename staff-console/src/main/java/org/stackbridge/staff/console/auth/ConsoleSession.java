package org.stackbridge.staff.console.auth;

import java.security.Principal;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.auth.StaffSession;

/**
 * A signed-in console user: the staff session fixed at sign-in (login, role, library, institution) and the session's
 * CSRF token, which every form carries back. The cookie value itself is never kept here.
 */
public record ConsoleSession(StaffSession staff, String csrf) implements Principal {

    @Override
    public String getName() {
        return staff.login();
    }

    public String login() {
        return staff.login();
    }

    public boolean allows(StaffPermission permission) {
        return staff.allows(permission);
    }

    @Override
    public String toString() {
        return "ConsoleSession[" + staff.login() + ", " + staff.role().label() + "]";
    }
}
