package org.stackbridge.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * A SIP2 terminal login bound to an institution; the password is stored only as a salted slow hash.
 *
 * @param enabled false once disabled: a disabled terminal cannot log in
 */
public record TerminalAccount(String login, String passwordHash, String institution, String profile, boolean enabled) implements Serializable {

    public TerminalAccount {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(institution, "institution");
        profile = profile == null || profile.isBlank() ? "default" : profile;
    }

    /** An enabled account. */
    public TerminalAccount(String login, String passwordHash, String institution, String profile) {
        this(login, passwordHash, institution, profile, true);
    }

    @Override
    public String toString() {
        return "TerminalAccount[login=" + login + ", institution=" + institution + ", profile=" + profile + ", enabled=" + enabled + "]";
    }
}
