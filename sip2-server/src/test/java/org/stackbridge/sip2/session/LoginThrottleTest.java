package org.stackbridge.sip2.session;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.testing.TestClock;

class LoginThrottleTest {

    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    void aLoginIsLockedOnAnAddressAfterTooManyFailuresUntilThePenaltyEnds() {
        TestClock clock = new TestClock(START);
        LoginThrottle t = new LoginThrottle(3, 10, 300, 30, 100, clock);
        assertFalse(t.failed("kiosk", "10.0.0.1"));
        assertFalse(t.failed("kiosk", "10.0.0.1"));
        assertFalse(t.blocked("kiosk", "10.0.0.1"));
        assertTrue(t.failed("kiosk", "10.0.0.1"), "the third failure starts a lock");
        assertTrue(t.blocked("kiosk", "10.0.0.1"));
        assertFalse(t.blocked("other", "10.0.0.1"), "other logins on the address are not affected");
        assertFalse(t.blocked("kiosk", "10.0.0.2"), "the login on other addresses is not affected");
        clock.advance(Duration.ofSeconds(20));
        assertFalse(t.failed("kiosk", "10.0.0.1"), "failures during a lock are not counted");
        clock.advance(Duration.ofSeconds(11));
        assertFalse(t.blocked("kiosk", "10.0.0.1"), "the lock is not renewed");
        t.failed("kiosk", "10.0.0.1");
        t.succeeded("kiosk", "10.0.0.1");
        t.failed("kiosk", "10.0.0.1");
        t.failed("kiosk", "10.0.0.1");
        assertFalse(t.blocked("kiosk", "10.0.0.1"), "a success resets the count");
    }

    @Test
    void aLoginFailingFromManyAddressesIsLockedEverywhere() {
        LoginThrottle t = new LoginThrottle(3, 4, 300, 30, 100, new TestClock(START));
        for (int i = 0; i < 4; i++) {
            t.failed("kiosk", "10.0.0." + i);
        }
        assertTrue(t.blocked("kiosk", "10.0.0.99"));
        assertFalse(t.blocked("other", "10.0.0.99"));
    }

    @Test
    void trackingIsBounded() {
        LoginThrottle t = new LoginThrottle(1, 100, 300, 30, 10, new TestClock(START));
        for (int i = 0; i < 1000; i++) {
            t.failed("kiosk" + i, "10.0.0.1");
        }
        assertFalse(t.blocked("kiosk0", "10.0.0.1"), "the oldest keys are forgotten");
        assertTrue(t.blocked("kiosk999", "10.0.0.1"));
    }
}
