package org.stackbridge.sip2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.outcome.TerminalStatus;
import org.stackbridge.core.testing.TestClock;

class Sip2TerminalMonitorTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 23:30 in New York on 2026-12-07. */
    private final TestClock clock = new TestClock(Instant.parse("2026-12-08T04:30:00Z"));
    private final Sip2TerminalMonitor monitor = new Sip2TerminalMonitor(clock, 3);

    private TerminalStatus status(String login) {
        return monitor.all().stream().filter(s -> s.login().equals(login)).findFirst().orElseThrow();
    }

    @Test
    void countsMessagesAndRefusalsOfTheDayInTheLibrarysZone() {
        monitor.connected("kiosk", 1, "10.0.0.5");
        monitor.answered("kiosk", "93", false, null, NEW_YORK);
        monitor.answered("kiosk", "11", true, null, NEW_YORK);
        TerminalStatus s = status("kiosk");
        assertTrue(s.connected());
        assertEquals(List.of("10.0.0.5"), s.addresses());
        assertEquals("11", s.lastMessage());
        assertEquals(clock.instant(), s.lastMessageAt());
        assertEquals(2, s.messagesToday());
        assertEquals(1, s.refusalsToday());

        clock.advance(Duration.ofMinutes(45)); // 00:15 the next day in New York, still 2026-12-08 in UTC
        assertEquals(0, status("kiosk").messagesToday(), "a new day in the library's zone");
        monitor.answered("kiosk", "17", false, null, NEW_YORK);
        assertEquals(1, status("kiosk").messagesToday());
        assertEquals(0, status("kiosk").refusalsToday());
    }

    @Test
    void anAcsStatusOfflineIsShownUntilTheNextOnlineOne() {
        monitor.answered("kiosk", "99", false, false, NEW_YORK);
        assertTrue(status("kiosk").offline());
        monitor.answered("kiosk", "11", false, null, NEW_YORK);
        assertTrue(status("kiosk").offline(), "only a 98 tells");
        monitor.answered("kiosk", "99", false, true, NEW_YORK);
        assertFalse(status("kiosk").offline());
    }

    @Test
    void aLoginIsConnectedWhileAnyOfItsConnectionsIsOpen() {
        monitor.connected("kiosk", 1, "10.0.0.5");
        monitor.connected("kiosk", 2, "10.0.0.6");
        monitor.disconnected("kiosk", 1);
        assertEquals(List.of("10.0.0.6"), status("kiosk").addresses());
        monitor.disconnected("kiosk", 2);
        assertFalse(status("kiosk").connected());
        assertEquals(List.of(), status("kiosk").addresses());
    }

    @Test
    void beyondItsBoundTheLeastRecentlyActiveLoginWithoutAConnectionIsForgotten() {
        monitor.connected("a", 1, "10.0.0.1");
        clock.advance(Duration.ofMinutes(1));
        monitor.answered("b", "93", true, null, NEW_YORK);
        clock.advance(Duration.ofMinutes(1));
        monitor.answered("c", "93", true, null, NEW_YORK);
        clock.advance(Duration.ofMinutes(1));
        monitor.answered("d", "93", true, null, NEW_YORK);
        assertEquals(List.of("a", "c", "d"), monitor.all().stream().map(TerminalStatus::login).toList(),
                "b was the oldest without a connection; a is connected");
        monitor.connected("c", 2, "x");
        monitor.connected("d", 3, "y");
        monitor.answered("e", "93", true, null, NEW_YORK);
        assertEquals(List.of("a", "c", "d"), monitor.all().stream().map(TerminalStatus::login).toList(),
                "every kept login is connected: the new one is not tracked");
    }
}
