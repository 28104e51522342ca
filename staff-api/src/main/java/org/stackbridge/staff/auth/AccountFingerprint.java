package org.stackbridge.staff.auth;

import org.stackbridge.core.model.StaffAccount;

/**
 * What of a staff account a login depends on: role, library, enabled and the password hash, hashed so a session or
 * token table holds nothing of the password. A stored API token or console session whose fingerprint no longer
 * matches its account ended with the change (disabled, another role or library, a new password). Comparing it is no
 * password check: the password is checked once, at login.
 */
public final class AccountFingerprint {

    private AccountFingerprint() {
    }

    public static String of(StaffAccount a) {
        return StaffSessions.hash(a.role().name() + "\n" + a.library() + "\n" + a.enabled() + "\n" + a.passwordHash());
    }
}
