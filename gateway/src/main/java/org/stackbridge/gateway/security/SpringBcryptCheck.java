package org.stackbridge.gateway.security;

import org.springframework.security.crypto.bcrypt.BCrypt;
import org.stackbridge.core.security.BcryptCheck;
import org.stackbridge.core.security.StoredHashes;

/**
 * bcrypt verification by Spring Security's {@link BCrypt} (spring-security-crypto), for PINs imported as bcrypt
 * hashes ({@code $2a$}, {@code $2b$}, {@code $2y$}, as Koha exports them).
 */
public final class SpringBcryptCheck implements BcryptCheck {

    public static final SpringBcryptCheck INSTANCE = new SpringBcryptCheck();

    private SpringBcryptCheck() {
    }

    @Override
    public boolean matches(String secret, String bcryptHash) {
        if (secret == null || !StoredHashes.isBcrypt(bcryptHash)) {
            return false;
        }
        try {
            return BCrypt.checkpw(secret, bcryptHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
