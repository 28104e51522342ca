package org.stackbridge.staff.console.page;

import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.console.auth.ConsoleSession;

/**
 * What every page's frame needs: its title and section (for the navigation), the signed-in session (null on the
 * sign-in and some error pages) and whether alerts play a sound.
 */
public record Chrome(String title, String section, ConsoleSession session, boolean sound) {

    public boolean signedIn() {
        return session != null;
    }

    public String login() {
        return session == null ? "" : session.login();
    }

    public String role() {
        return session == null ? "" : session.staff().role().label();
    }

    /** The session's CSRF token, for the hidden field of every form. */
    public String csrf() {
        return session == null ? "" : session.csrf();
    }

    public boolean may(StaffPermission permission) {
        return session != null && session.allows(permission);
    }

    public boolean mayAdminister() {
        return may(StaffPermission.ACCOUNTS);
    }
}
