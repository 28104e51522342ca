package org.stackbridge.sip2.session;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.testing.TestClock;

class LoginThrottleTest {

    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    void anAddressIsBlockedAfterTooManyFailuresUntilThePenaltyEnds() {
        TestClock clock = new TestClock(START);
        LoginThrottle t = new LoginThrottle(3, 300, 30, 100, clock);
        t.failed("10.0.0.1");
        t.failed("10.0.0.1");
        assertFalse(t.blocked("10.0.0.1"));
        t.failed("10.0.0.1");
        assertTrue(t.blocked("10.0.0.1"));
        assertFalse(t.blocked("10.0.0.2"), "other addresses are not affected");
        clock.advance(Duration.ofSeconds(31));
        assertFalse(t.blocked("10.0.0.1"));
        t.failed("10.0.0.1");
        assertTrue(t.blocked("10.0.0.1"));
        clock.advance(Duration.ofSeconds(31));
        assertTrue(t.blocked("10.0.0.1"), "the penalty doubles with each further failure");
        clock.advance(Duration.ofSeconds(30));
        assertFalse(t.blocked("10.0.0.1"));
        t.succeeded("10.0.0.1");
        t.failed("10.0.0.1");
        assertFalse(t.blocked("10.0.0.1"), "a success resets the count");
    }

    @Test
    void trackingIsBounded() {
        LoginThrottle t = new LoginThrottle(1, 300, 30, 10, new TestClock(START));
        for (int i = 0; i < 1000; i++) {
            t.failed("10.0." + (i / 256) + "." + (i % 256));
        }
        assertFalse(t.blocked("10.0.0.0"), "the oldest addresses are forgotten");
        assertTrue(t.blocked("10.0.3.231"));
    }
}
