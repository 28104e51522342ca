package org.stackbridge.core.model;

import java.io.Serializable;
import java.util.Objects;

/** A SIP2 terminal login bound to an institution; the password is stored only as a salted slow hash. */
public record TerminalAccount(String login, String passwordHash, String institution, String profile) implements Serializable {

    public TerminalAccount {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(institution, "institution");
        profile = profile == null || profile.isBlank() ? "default" : profile;
    }

    @Override
    public String toString() {
        return "TerminalAccount[login=" + login + ", institution=" + institution + ", profile=" + profile + "]";
    }
}
