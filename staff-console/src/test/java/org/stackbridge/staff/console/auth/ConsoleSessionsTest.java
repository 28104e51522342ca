package org.stackbridge.staff.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.staff.auth.StaffSessions;

class ConsoleSessionsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final ConsoleSessions sessions = new ConsoleSessions(clock, Duration.ofMinutes(30), Duration.ofHours(12), 3);

    private StaffSessions.Issued signIn(String login) {
        StaffSessions.Issued issued = sessions.tokens().open(login, StaffRole.TECHNICIAN, "MAIN", "MAIN");
        sessions.started(issued);
        return issued;
    }

    @Test
    void aSessionLivesWhileUsedAndEndsAfterTheIdleTime() {
        StaffSessions.Issued s = signIn("tim");
        clock.set(T0.plus(Duration.ofMinutes(29)));
        assertTrue(sessions.find(s.token()).isPresent());
        clock.set(T0.plus(Duration.ofMinutes(58)));
        assertTrue(sessions.find(s.token()).isPresent(), "each request counts as activity");
        clock.set(T0.plus(Duration.ofMinutes(88)));
        assertTrue(sessions.find(s.token()).isEmpty(), "30 minutes idle");
        clock.set(T0.plus(Duration.ofMinutes(89)));
        assertTrue(sessions.find(s.token()).isEmpty(), "and it stays ended");
    }

    @Test
    void aSessionEndsAtTheLatestAfterItsLifetimeEvenWhenBusy() {
        StaffSessions.Issued s = signIn("tim");
        for (int m = 20; m < 12 * 60; m += 20) {
            clock.set(T0.plus(Duration.ofMinutes(m)));
            assertTrue(sessions.find(s.token()).isPresent());
        }
        clock.set(T0.plus(Duration.ofHours(12)));
        assertTrue(sessions.find(s.token()).isEmpty());
    }

    @Test
    void signOutEndsTheSessionAndEachSessionHasItsOwnCsrfToken() {
        StaffSessions.Issued a = signIn("tim");
        StaffSessions.Issued b = signIn("tim");
        String csrfA = sessions.find(a.token()).orElseThrow().csrf();
        assertNotEquals(csrfA, sessions.find(b.token()).orElseThrow().csrf());
        assertEquals(csrfA, sessions.find(a.token()).orElseThrow().csrf(), "stable for the session");
        assertTrue(sessions.end(a.token()));
        assertTrue(sessions.find(a.token()).isEmpty());
        assertTrue(sessions.find(b.token()).isPresent());
        assertFalse(sessions.end(a.token()));
    }

    @Test
    void unknownOrOversizedTokensFindNothingAndTheOldestSessionGoesBeyondTheLimit() {
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("x".repeat(200)).isEmpty());
        assertTrue(sessions.find(ConsoleSessions.randomToken()).isEmpty());
        StaffSessions.Issued first = signIn("a");
        signIn("b");
        signIn("c");
        signIn("d");
        assertTrue(sessions.find(first.token()).isEmpty(), "the oldest of four went at a limit of three");
        assertEquals(3, sessions.size());
    }

    @Test
    void tokensCompareOnlyWhenEqualAndPresent() {
        assertTrue(ConsoleSessions.sameToken("abc", "abc"));
        assertFalse(ConsoleSessions.sameToken("abc", "abd"));
        assertFalse(ConsoleSessions.sameToken(null, "abc"));
        assertFalse(ConsoleSessions.sameToken("abc", null));
    }
}
