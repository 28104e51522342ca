package org.stackbridge.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.security.PinVerifier.Result;
import org.stackbridge.core.security.PinVerifier.SlowCheckNeeded;
import org.stackbridge.core.security.PinVerifierTest.CountingCheck;
import org.stackbridge.core.testing.TestClock;

/** The slow check deferred off the storage thread: the verdict is the same, only where the hash runs changes. */
class PinVerifierDeferredTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final CountingCheck slow = new CountingCheck();
    private final PinVerifier pins = new PinVerifier(clock, PinSettings.DEFAULTS, slow);
    private final String hash = CountingCheck.hash(1, "1234");

    /** The deferred check's exception, the PIN hashed ahead (on the calling thread), then verify again, deferring. */
    private Result deferredVerify(long patron, String storedHash, String pin) throws Exception {
        SlowCheckNeeded needed = assertThrows(SlowCheckNeeded.class,
                () -> pins.deferringSlowChecks(() -> pins.verify(patron, "P" + patron, storedHash, pin)));
        pins.checkAhead(needed, Runnable::run).get(5, TimeUnit.SECONDS);
        return pins.deferringSlowChecks(() -> pins.verify(patron, "P" + patron, storedHash, pin));
    }

    @Test
    void aRightPinIsHashedOnceAheadThenRemembered() throws Exception {
        assertEquals(Result.VALID, deferredVerify(7, hash, "1234"));
        assertEquals(1, slow.calls.get());
        assertEquals(1, pins.slowChecks());
        assertEquals(Result.VALID, pins.deferringSlowChecks(() -> pins.verify(7, "P7", hash, "1234")), "remembered: no deferral");
        assertEquals(1, slow.calls.get());
    }

    @Test
    void aWrongPinHashedAheadIsRefusedAndTheVerdictIsTakenOnce() throws Exception {
        assertEquals(Result.VALID, deferredVerify(7, hash, "1234"));
        assertEquals(Result.INVALID, deferredVerify(7, hash, "4321"));
        assertThrows(SlowCheckNeeded.class, () -> pins.deferringSlowChecks(() -> pins.verify(7, "P7", hash, "4321")),
                "a wrong PIN's verdict answers one check, the next is hashed again");
        assertEquals(Result.INVALID, pins.verify(7, "P7", hash, "4321"), "outside deferral it hashes inline, as before");
        assertEquals(3, slow.calls.get());
    }

    @Test
    void aVerdictForTheOldPinDoesNotAnswerForTheNewStoredHash() throws Exception {
        SlowCheckNeeded needed = assertThrows(SlowCheckNeeded.class,
                () -> pins.deferringSlowChecks(() -> pins.verify(7, "P7", hash, "1234")));
        pins.checkAhead(needed, Runnable::run).get(5, TimeUnit.SECONDS);
        String changed = CountingCheck.hash(2, "5678");
        assertEquals(Result.INVALID, pins.verify(7, "P7", changed, "1234"), "the PIN changed between the check ahead and the command");
        assertEquals(2, slow.calls.get());
        pins.checkAhead(assertThrows(SlowCheckNeeded.class,
                () -> pins.deferringSlowChecks(() -> pins.verify(8, "P8", hash, "1234"))), Runnable::run).get(5, TimeUnit.SECONDS);
        pins.forget(8);
        assertThrows(SlowCheckNeeded.class, () -> pins.deferringSlowChecks(() -> pins.verify(8, "P8", hash, "1234")),
                "a PIN reset drops the verdicts kept for the patron");
    }

    @Test
    void failuresHashedAheadLockAfterFiveAndTheLockRefusesWithoutDeferring() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(Result.INVALID, deferredVerify(7, hash, "000" + i));
        }
        assertTrue(pins.locked(7));
        int before = slow.calls.get();
        assertEquals(Result.LOCKED, pins.deferringSlowChecks(() -> pins.verify(7, "P7", hash, "1234")), "locked: no hash, no deferral");
        assertEquals(before, slow.calls.get());
        clock.advance(Duration.ofMinutes(15));
        assertFalse(pins.locked(7));
        assertEquals(Result.VALID, deferredVerify(7, hash, "1234"));
    }

    @Test
    void anExpiredVerdictIsNotTaken() throws Exception {
        SlowCheckNeeded needed = assertThrows(SlowCheckNeeded.class,
                () -> pins.deferringSlowChecks(() -> pins.verify(7, "P7", hash, "1234")));
        pins.checkAhead(needed, Runnable::run).get(5, TimeUnit.SECONDS);
        clock.advance(PinVerifier.VERDICT_LIFETIME);
        assertThrows(SlowCheckNeeded.class, () -> pins.deferringSlowChecks(() -> pins.verify(7, "P7", hash, "1234")));
    }

    @Test
    void aFullHashingQueueRefusesTheCheckAheadAtOnce() throws Exception {
        SlowCheckNeeded needed = assertThrows(SlowCheckNeeded.class,
                () -> pins.deferringSlowChecks(() -> pins.verify(7, "P7", hash, "1234")));
        assertThrows(RejectedExecutionException.class, () -> pins.checkAhead(needed, r -> {
            throw new RejectedExecutionException("full");
        }));
        assertEquals(0, slow.calls.get());
        assertFalse(pins.locked(7));
    }
}
