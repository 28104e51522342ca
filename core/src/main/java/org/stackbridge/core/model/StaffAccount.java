package org.stackbridge.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * A staff login for the staff API. The password is stored only as a salted slow hash
 * ({@link org.stackbridge.core.security.SecretHasher}). With a {@code library}, the account acts only in that
 * library's institution, as a SIP2 terminal does; without one it acts in every institution.
 *
 * @param library the library (branch) code the account is scoped to, or null for none
 * @param enabled false once disabled: a disabled account cannot log in
 */
public record StaffAccount(String login, String passwordHash, StaffRole role, String library, boolean enabled) implements Serializable {

    public StaffAccount {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        library = library == null || library.isBlank() ? null : library;
    }

    public boolean allows(StaffPermission permission) {
        return role.allows(permission);
    }

    public StaffAccount disabled() {
        return new StaffAccount(login, passwordHash, role, library, false);
    }

    public StaffAccount withPasswordHash(String hash) {
        return new StaffAccount(login, hash, role, library, enabled);
    }

    @Override
    public String toString() {
        return "StaffAccount[login=" + login + ", role=" + role + ", library=" + library + ", enabled=" + enabled + "]";
    }
}
