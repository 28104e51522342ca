package org.stackbridge.staff.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.testing.TestClock;

class StaffSessionsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final StaffSessions sessions = new StaffSessions(clock, Duration.ofHours(8), 3);

    @Test
    void aTokenFindsItsSessionUntilItExpires() {
        StaffSessions.Issued issued = sessions.open("grace", StaffRole.LIBRARIAN, "EAST", "MAIN");
        assertEquals(43, issued.token().length(), "256 bits, base64url");
        StaffSession s = sessions.find(issued.token()).orElseThrow();
        assertEquals("grace", s.login());
        assertEquals("MAIN", s.institution());
        assertEquals(Instant.parse("2026-11-02T18:00:00Z"), s.expiresAt());
        clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertTrue(sessions.find(issued.token()).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(sessions.find(issued.token()).isEmpty());
        assertEquals(0, sessions.size());
    }

    @Test
    void tokensAreRandomAndNeverStoredAndUnknownOnesFindNothing() {
        StaffSessions.Issued a = sessions.open("grace", StaffRole.ADMIN, null, null);
        StaffSessions.Issued b = sessions.open("grace", StaffRole.ADMIN, null, null);
        assertNotEquals(a.token(), b.token());
        assertFalse(a.toString().contains(a.token()));
        assertTrue(sessions.find("nope").isEmpty());
        assertTrue(sessions.find("").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("x".repeat(10_000)).isEmpty());
    }

    @Test
    void closingEndsOnlyThatSession() {
        StaffSessions.Issued a = sessions.open("grace", StaffRole.ADMIN, null, null);
        StaffSessions.Issued b = sessions.open("tim", StaffRole.TECHNICIAN, null, null);
        assertTrue(sessions.close(a.token()));
        assertFalse(sessions.close(a.token()));
        assertTrue(sessions.find(a.token()).isEmpty());
        assertTrue(sessions.find(b.token()).isPresent());
    }

    @Test
    void theMapIsBoundedByDroppingTheOldestSession() {
        StaffSessions.Issued first = sessions.open("a", StaffRole.ADMIN, null, null);
        sessions.open("b", StaffRole.ADMIN, null, null);
        sessions.open("c", StaffRole.ADMIN, null, null);
        StaffSessions.Issued fourth = sessions.open("d", StaffRole.ADMIN, null, null);
        assertEquals(3, sessions.size());
        assertTrue(sessions.find(first.token()).isEmpty());
        assertTrue(sessions.find(fourth.token()).isPresent());
    }
}
