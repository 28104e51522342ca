package org.stackbridge.sip2.server;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.testing.TestClock;

class ReplayCacheTest {

    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    void replayEntriesExpireAfterTheWindow() {
        TestClock clock = new TestClock(START);
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
        ReplayCache cache = new ReplayCache(16, 600, 1000, 1000, new TestClock(START));
        for (int i = 0; i < 100; i++) {
            cache.put("login" + i, "k", new byte[100]);
        }
        assertTrue(cache.size() <= 1000, "size " + cache.size());
        assertNotNull(cache.find("login99", "k"));
        assertNull(cache.find("login0", "k"));
    }
}
