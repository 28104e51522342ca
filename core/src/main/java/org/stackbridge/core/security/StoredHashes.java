package org.stackbridge.core.security;

import java.util.regex.Pattern;

/**
 * The PIN and password hash formats Stackbridge stores and verifies: its own PBKDF2 format ({@link SecretHasher}) and
 * bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$} with a two-digit cost and 53 characters of salt and hash), which an
 * import may carry as exported by another system. Either is stored as is; anything else in a hash column is a plain
 * secret to be hashed.
 */
public final class StoredHashes {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

    private StoredHashes() {
    }

    public static boolean isBcrypt(String value) {
        return value != null && BCRYPT.matcher(value).matches();
    }

    /** True for a value in a format this class verifies: stored as is, never hashed again. */
    public static boolean isStoredHash(String value) {
        return SecretHasher.isHash(value) || isBcrypt(value);
    }

    /** The slow check of {@link PinVerifier} for both formats: bcrypt hashes through {@code bcrypt}, the rest as PBKDF2. */
    public static PinVerifier.SlowCheck check(BcryptCheck bcrypt) {
        return (secret, stored) -> {
            if (secret == null || stored == null) {
                return false;
            }
            return isBcrypt(stored) ? bcrypt.matches(secret, stored) : SecretHasher.verify(secret, stored);
        };
    }
}
