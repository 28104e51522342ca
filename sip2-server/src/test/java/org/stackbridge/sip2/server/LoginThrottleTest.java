package org.stackbridge.sip2.server;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-15T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anAddressIsBlockedAfterTooManyFailuresUntilThePenaltyEnds() {
        MovableClock clock = new MovableClock();
        LoginThrottle t = new LoginThrottle(new Sip2Settings.FailedLoginThrottle(3, 300, 30, 100), clock);
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
        LoginThrottle t = new LoginThrottle(new Sip2Settings.FailedLoginThrottle(1, 300, 30, 10), new MovableClock());
        for (int i = 0; i < 1000; i++) {
            t.failed("10.0." + (i / 256) + "." + (i % 256));
        }
        assertFalse(t.blocked("10.0.0.0"), "the oldest addresses are forgotten");
        assertTrue(t.blocked("10.0.3.231"));
    }

    @Test
    void replayEntriesExpireAfterTheWindow() {
        MovableClock clock = new MovableClock();
        ReplayCache cache = new ReplayCache(2, 60, 10, clock);
        cache.put("kiosk", "a", new byte[] {1});
        cache.put("kiosk", "b", new byte[] {2});
        cache.put("kiosk", "c", new byte[] {3});
        assertNull(cache.find("kiosk", "a"), "bounded per login");
        assertArrayEquals(new byte[] {2}, cache.find("kiosk", "b"));
        assertNull(cache.find("other", "b"));
        clock.advance(Duration.ofSeconds(61));
        assertNull(cache.find("kiosk", "c"), "expired");
    }

    @Test
    void replayCacheIsBoundedInBytes() {
        ReplayCache cache = new ReplayCache(16, 600, 1000, 1000, new MovableClock());
        for (int i = 0; i < 100; i++) {
            cache.put("login" + i, "k", new byte[100]);
        }
        assertTrue(cache.size() <= 1000, "size " + cache.size());
        assertNotNull(cache.find("login99", "k"));
        assertNull(cache.find("login0", "k"));
    }
}
