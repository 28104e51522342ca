package org.stackbridge.staff.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.testing.TestClock;

class StaffLoginThrottleTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final StaffLoginThrottle throttle = new StaffLoginThrottle(clock, 5, Duration.ofMinutes(5), 2);

    @Test
    void theFifthFailureLocksTheLoginForTheLockTime() {
        for (int i = 1; i < 5; i++) {
            assertFalse(throttle.failed("grace"), "failure " + i);
            assertTrue(throttle.lockedUntil("grace").isEmpty());
        }
        assertTrue(throttle.failed("grace"));
        assertEquals(Optional.of(Instant.parse("2026-11-02T10:05:00Z")), throttle.lockedUntil("grace"));
        assertTrue(throttle.lockedUntil("tim").isEmpty(), "per login");
        clock.advance(Duration.ofMinutes(5));
        assertTrue(throttle.lockedUntil("grace").isEmpty());
    }

    @Test
    void aSuccessClearsTheCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("grace");
        }
        throttle.succeeded("grace");
        assertFalse(throttle.failed("grace"));
    }

    @Test
    void theMapIsBoundedByDroppingTheOldestLogin() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("a");
        }
        throttle.failed("b");
        throttle.failed("c"); // drops a
        assertFalse(throttle.failed("a"), "a starts again from one failure");
    }
}
