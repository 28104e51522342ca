package org.stackbridge.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.security.PinVerifier.Result;
import org.stackbridge.core.security.PinVerifierTest.CountingCheck;
import org.stackbridge.core.testing.SeededCases;
import org.stackbridge.core.testing.TestClock;

/**
 * Right, wrong, old (after a change) and re-hashed PINs from a few patrons, with the clock moving, against a
 * reference model of the rules: a wrong or old PIN is never accepted, a locked PIN is refused without hashing,
 * and a remembered success within its lifetime is not hashed again.
 */
class PinVerifierPropertyTest {

    private static final PinSettings SETTINGS = new PinSettings(Duration.ofMinutes(10), 1_000, 3, Duration.ofMinutes(15));
    private static final int PATRONS = 3;
    private static final int STEPS = 200;

    private final Map<Result, Integer> seen = new HashMap<>();

    @Test
    void theVerifierAgreesWithTheReferenceModel() {
        int checked = SeededCases.run("pin verifier vs model", SeededCases.BASE_SEED, 200, this::oneCase);
        assertEquals(200, checked);
        assertTrue(seen.getOrDefault(Result.LOCKED, 0) > 0 && seen.getOrDefault(Result.VALID, 0) > 0, "cases reach every result: " + seen);
    }

    private void oneCase(long seed) {
        Random random = new Random(seed);
        TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
        CountingCheck slow = new CountingCheck();
        PinVerifier pins = new PinVerifier(clock, SETTINGS, slow);
        Model model = new Model();
        Map<Long, String> pin = new HashMap<>();
        Map<Long, String> oldPin = new HashMap<>();
        Map<Long, Integer> salt = new HashMap<>();
        for (long id = 1; id <= PATRONS; id++) {
            pin.put(id, "" + (1000 + random.nextInt(9000)));
            salt.put(id, 0);
        }
        for (int step = 0; step < STEPS; step++) {
            long id = 1 + random.nextInt(PATRONS);
            String context = "seed=" + seed + " step=" + step + " patron=" + id;
            int op = random.nextInt(10);
            if (op == 0) {
                clock.advance(Duration.ofMinutes(random.nextInt(20)));
                continue;
            }
            if (op == 1) {
                oldPin.put(id, pin.get(id));
                pin.put(id, random.nextBoolean() ? pin.get(id) : "" + (1000 + random.nextInt(9000)));
                salt.merge(id, 1, Integer::sum);
                continue;
            }
            String hash = CountingCheck.hash(salt.get(id), pin.get(id));
            String tried = switch (op) {
                case 2, 3 -> "" + (1000 + random.nextInt(9000));
                case 4 -> oldPin.getOrDefault(id, pin.get(id));
                default -> pin.get(id);
            };
            int before = slow.calls.get();
            Result expected = model.verify(id, hash, tried, tried.equals(pin.get(id)), clock.instant());
            Result actual = pins.verify(id, "P" + id, hash, tried);
            assertEquals(expected, actual, context);
            seen.merge(actual, 1, Integer::sum);
            int hashed = slow.calls.get() - before;
            assertEquals(model.hashed ? 1 : 0, hashed, "slow checks, " + context);
            if (!tried.equals(pin.get(id))) {
                assertTrue(actual != Result.VALID, "a wrong or old PIN is never accepted, " + context);
            }
        }
    }

    /** The rules, restated: per patron a failure count and lock, and the set of remembered (patron, hash, PIN). */
    private static final class Model {
        final Map<String, Instant> remembered = new HashMap<>();
        final Map<Long, Integer> failures = new HashMap<>();
        final Map<Long, Instant> lastFailure = new HashMap<>();
        final Map<Long, Instant> lockedUntil = new HashMap<>();
        boolean hashed;

        Result verify(long id, String hash, String pin, boolean right, Instant now) {
            hashed = false;
            Instant until = lockedUntil.get(id);
            if (until != null && now.isBefore(until)) {
                return Result.LOCKED;
            }
            if (until != null) {
                lockedUntil.remove(id);
                failures.remove(id);
            }
            String key = id + "|" + hash + "|" + pin;
            Instant expires = remembered.get(key);
            if (expires != null && now.isBefore(expires)) {
                failures.remove(id);
                return Result.VALID;
            }
            hashed = true;
            if (right) {
                remembered.put(key, now.plus(SETTINGS.cacheLifetime()));
                failures.remove(id);
                return Result.VALID;
            }
            Instant last = lastFailure.get(id);
            if (last == null || !now.isBefore(last.plus(SETTINGS.lockTime()))) {
                failures.remove(id);
            }
            int count = failures.merge(id, 1, Integer::sum);
            lastFailure.put(id, now);
            if (count >= SETTINGS.maxFailures()) {
                lockedUntil.put(id, now.plus(SETTINGS.lockTime()));
            }
            return Result.INVALID;
        }
    }
}
