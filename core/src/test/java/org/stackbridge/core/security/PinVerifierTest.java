package org.stackbridge.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.security.PinVerifier.Result;
import org.stackbridge.core.testing.TestClock;

class PinVerifierTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final CountingCheck slow = new CountingCheck();
    private final PinVerifier pins = new PinVerifier(clock, PinSettings.DEFAULTS, slow);

    @Test
    void aRightPinIsHashedOnceThenRemembered() {
        String hash = CountingCheck.hash(1, "1234");
        for (int i = 0; i < 5; i++) {
            assertEquals(Result.VALID, pins.verify(7, "P7", hash, "1234"));
        }
        assertEquals(1, slow.calls.get());
    }

    @Test
    void aWrongPinIsNeverAcceptedAndAlwaysHashed() {
        String hash = CountingCheck.hash(1, "1234");
        assertEquals(Result.VALID, pins.verify(7, "P7", hash, "1234"));
        assertEquals(Result.INVALID, pins.verify(7, "P7", hash, "4321"));
        assertEquals(Result.INVALID, pins.verify(7, "P7", hash, "12345"));
        assertEquals(Result.INVALID, pins.verify(8, "P8", hash, "4321"), "another patron's success does not carry over");
        assertEquals(4, slow.calls.get());
    }

    @Test
    void theOldPinIsRefusedAfterAPinChange() {
        String before = CountingCheck.hash(1, "1234");
        String after = CountingCheck.hash(2, "9999");
        assertEquals(Result.VALID, pins.verify(7, "P7", before, "1234"));
        assertEquals(Result.INVALID, pins.verify(7, "P7", after, "1234"));
        assertEquals(Result.VALID, pins.verify(7, "P7", after, "9999"));
        assertEquals(3, slow.calls.get());
    }

    @Test
    void theSamePinRehashedIsCheckedAgain() {
        assertEquals(Result.VALID, pins.verify(7, "P7", CountingCheck.hash(1, "1234"), "1234"));
        assertEquals(Result.VALID, pins.verify(7, "P7", CountingCheck.hash(2, "1234"), "1234"));
        assertEquals(2, slow.calls.get(), "a new stored hash (new salt) is a new entry");
    }

    @Test
    void aRememberedCheckExpiresAfterItsLifetime() {
        String hash = CountingCheck.hash(1, "1234");
        pins.verify(7, "P7", hash, "1234");
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        pins.verify(7, "P7", hash, "1234");
        assertEquals(1, slow.calls.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Result.VALID, pins.verify(7, "P7", hash, "1234"));
        assertEquals(2, slow.calls.get(), "hashed again once the lifetime is over");
    }

    @Test
    void theCacheIsBounded() {
        PinVerifier small = new PinVerifier(clock, new PinSettings(Duration.ofMinutes(10), 3, 5, Duration.ofMinutes(15)), slow);
        for (int id = 1; id <= 10; id++) {
            small.verify(id, "P" + id, CountingCheck.hash(1, "1234"), "1234");
        }
        assertEquals(3, small.rememberedChecks());
        small.verify(10, "P10", CountingCheck.hash(1, "1234"), "1234");
        small.verify(1, "P1", CountingCheck.hash(1, "1234"), "1234");
        assertEquals(11, slow.calls.get(), "the most recent is remembered, the eldest evicted");
    }

    @Test
    void aZeroLifetimeTurnsTheCacheOff() {
        PinVerifier off = new PinVerifier(clock, PinSettings.ofMinutes(0, 5, 15), slow);
        String hash = CountingCheck.hash(1, "1234");
        off.verify(7, "P7", hash, "1234");
        off.verify(7, "P7", hash, "1234");
        assertEquals(2, slow.calls.get());
        assertEquals(0, off.rememberedChecks());
    }

    @Test
    void fiveWrongPinsLockEvenTheRightPinWithoutHashingUntilTheLockEnds() {
        String hash = CountingCheck.hash(1, "1234");
        pins.verify(7, "P7", hash, "1234");
        for (int i = 1; i <= 5; i++) {
            assertEquals(Result.INVALID, pins.verify(7, "P7", hash, "000" + i), "failure " + i);
        }
        assertTrue(pins.locked(7));
        int hashed = slow.calls.get();
        assertEquals(Result.LOCKED, pins.verify(7, "P7", hash, "1234"), "the right PIN, remembered, is refused while locked");
        assertEquals(Result.LOCKED, pins.verify(7, "P7", hash, "0000"));
        assertEquals(hashed, slow.calls.get(), "a locked PIN is refused without hashing");
        assertFalse(pins.locked(8), "the lock is per patron");

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertEquals(Result.LOCKED, pins.verify(7, "P7", hash, "1234"));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(pins.locked(7));
        assertEquals(Result.VALID, pins.verify(7, "P7", hash, "1234"));
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        String hash = CountingCheck.hash(1, "1234");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(Result.INVALID, pins.verify(7, "P7", hash, "0000"));
            }
            assertEquals(Result.VALID, pins.verify(7, "P7", hash, "1234"));
        }
        assertFalse(pins.locked(7));
    }

    @Test
    void failuresOlderThanTheLockTimeAreForgotten() {
        String hash = CountingCheck.hash(1, "1234");
        for (int i = 0; i < 4; i++) {
            pins.verify(7, "P7", hash, "0000");
        }
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Result.INVALID, pins.verify(7, "P7", hash, "0000"));
        assertFalse(pins.locked(7), "a fifth failure after a quiet lock time starts a new count");
    }

    @Test
    void zeroMaxFailuresNeverLocks() {
        PinVerifier noLock = new PinVerifier(clock, PinSettings.ofMinutes(10, 0, 15), slow);
        String hash = CountingCheck.hash(1, "1234");
        for (int i = 0; i < 20; i++) {
            noLock.verify(7, "P7", hash, "0000");
        }
        assertEquals(Result.VALID, noLock.verify(7, "P7", hash, "1234"));
    }

    @Test
    void theRealHasherIsTheDefaultSlowCheck() {
        PinVerifier real = new PinVerifier(clock, PinSettings.DEFAULTS);
        String hash = new SecretHasher(1_000).hash("1234");
        assertEquals(Result.VALID, real.verify(7, "P7", hash, "1234"));
        assertEquals(Result.VALID, real.verify(7, "P7", hash, "1234"));
        assertEquals(Result.INVALID, real.verify(7, "P7", hash, "4321"));
        assertEquals(Result.INVALID, real.verify(7, "P7", null, "1234"), "a patron without a PIN matches nothing");
    }

    /** A fast stand-in for PBKDF2 that counts its calls: stored hashes look like {@code <salt>$<pin>}. */
    static final class CountingCheck implements PinVerifier.SlowCheck {
        final AtomicInteger calls = new AtomicInteger();

        static String hash(int salt, String pin) {
            return salt + "$" + pin;
        }

        @Override
        public boolean matches(String pin, String storedHash) {
            calls.incrementAndGet();
            return storedHash.substring(storedHash.indexOf('$') + 1).equals(pin);
        }
    }
}
