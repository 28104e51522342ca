package org.stackbridge.core.security;

/**
 * Checks a secret against a bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}), as Koha and other systems export
 * patron PINs. Core has no bcrypt of its own: the gateway supplies one backed by a maintained library. Used through
 * {@link StoredHashes#check(BcryptCheck)}.
 */
@FunctionalInterface
public interface BcryptCheck {

    /** A check that knows no bcrypt: every bcrypt hash fails to match. */
    BcryptCheck NONE = (secret, hash) -> false;

    /** True when {@code secret} matches {@code bcryptHash}; false for a malformed hash, never an exception. */
    boolean matches(String secret, String bcryptHash);
}
