package org.stackbridge.core.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow hashes for PINs and terminal passwords: PBKDF2-HMAC-SHA256, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. Verification is constant-time.
 */
public final class SecretHasher {

    public static final int DEFAULT_ITERATIONS = 120_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    public SecretHasher(int iterations) {
        if (iterations < 1_000) {
            throw new IllegalArgumentException("too few PBKDF2 iterations: " + iterations);
        }
        this.iterations = iterations;
    }

    public static SecretHasher standard() {
        return new SecretHasher(DEFAULT_ITERATIONS);
    }

    public String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] dk = derive(secret, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(dk);
    }

    /** True when {@code secret} matches {@code stored}; false for a null or malformed hash. */
    public static boolean verify(String secret, String stored) {
        if (secret == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int iter = Integer.parseInt(parts[1]);
            if (iter < 1_000 || iter > 10_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(secret, salt, iter));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean isHash(String value) {
        return value != null && value.startsWith(PREFIX + "$") && value.split("\\$").length == 4;
    }

    private static byte[] derive(String secret, byte[] salt, int iter) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iter, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

}
