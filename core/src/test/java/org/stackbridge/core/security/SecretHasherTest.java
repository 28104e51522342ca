package org.stackbridge.core.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private final SecretHasher hasher = new SecretHasher(1_000);

    @Test
    void theRightSecretVerifiesAndAWrongOneDoesNot() {
        String hash = hasher.hash("1234");
        assertTrue(SecretHasher.verify("1234", hash));
        assertFalse(SecretHasher.verify("1235", hash));
        assertFalse(SecretHasher.verify("", hash));
        assertFalse(SecretHasher.verify(null, hash));
        assertFalse(hash.contains("1234"), "the clear secret is not in the hash");
    }

    @Test
    void hashesAreSalted() {
        assertNotEquals(hasher.hash("1234"), hasher.hash("1234"));
        assertTrue(SecretHasher.isHash(hasher.hash("x")));
        assertFalse(SecretHasher.isHash("1234"));
    }

    @Test
    void malformedOrAbusiveHashesAreRejectedQuietly() {
        assertFalse(SecretHasher.verify("1234", null));
        assertFalse(SecretHasher.verify("1234", "1234"));
        assertFalse(SecretHasher.verify("1234", "pbkdf2-sha256$abc$AA$AA"));
        assertFalse(SecretHasher.verify("1234", "pbkdf2-sha256$999999999$AA$AA"), "iteration bombs are refused");
        assertFalse(SecretHasher.verify("1234", "pbkdf2-sha256$1000$!!$AA"));
        assertFalse(SecretHasher.verify("1234", "md5$1000$AA$AA"));
    }

    @Test
    void tooFewIterationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SecretHasher(10));
    }
}
