package org.stackbridge.staff.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.InMemoryStore;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.testing.TestClock;

/** Bearer tokens in the store: found by hash until they expire, ended by logout or an account change, bounded overall. */
class StaffSessionsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final AtomicLong nanos = new AtomicLong();
    private final StaffSessions sessions = new StaffSessions(store, clock, Duration.ofHours(8), 3, Duration.ofSeconds(5), nanos::get);
    private final StaffAccount grace = new StaffAccount("grace", "hash-1", StaffRole.LIBRARIAN, "EAST", true);
    private final StaffAccount tim = new StaffAccount("tim", "hash-2", StaffRole.TECHNICIAN, null, true);

    @BeforeEach
    void accounts() {
        save(grace);
        save(tim);
        store.write(tx -> {
            tx.libraries().save(new Library("EAST", "East Branch", "MAIN", java.time.ZoneOffset.UTC, null, null));
            return null;
        }).join();
    }

    private void save(StaffAccount a) {
        store.write(tx -> {
            tx.staff().save(a);
            return null;
        }).join();
    }

    @Test
    void aTokenFindsItsSessionUntilItExpiresAndOnlyItsHashIsStored() {
        StaffSessions.Issued issued = sessions.open(grace, "MAIN");
        assertEquals(43, issued.token().length(), "256 bits, base64url");
        StaffSession s = sessions.find(issued.token()).orElseThrow();
        assertEquals("grace", s.login());
        assertEquals("MAIN", s.institution());
        assertEquals(Instant.parse("2026-11-02T18:00:00Z"), s.expiresAt());
        var stored = store.read(tx -> tx.staffTokens().find(StaffSessions.hash(issued.token()))).join().orElseThrow();
        assertEquals("grace", stored.login());
        assertNotEquals(issued.token(), stored.tokenHash());
        clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertTrue(sessions.find(issued.token()).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(sessions.find(issued.token()).isEmpty(), "expired, even while cached");
        assertEquals(0, sessions.size(), "an expired token found is removed");
        sessions.open(tim, null);
        clock.advance(Duration.ofHours(8));
        assertEquals(1, sessions.purgeExpired(), "housekeeping removes the expired tokens nobody used");
        assertEquals(0, sessions.size());
    }

    @Test
    void aSecondInstanceOnTheSameStoreAcceptsTheTokenAndALogoutThereEndsItHereOnceTheCacheTimePassed() {
        StaffSessions other = new StaffSessions(store, clock, Duration.ofHours(8), 3, Duration.ofSeconds(5), nanos::get);
        StaffSessions.Issued issued = sessions.open(grace, "MAIN");
        assertTrue(sessions.find(issued.token()).isPresent());
        assertTrue(other.find(issued.token()).isPresent(), "issued by another node");
        assertTrue(other.close(issued.token()));
        assertTrue(other.find(issued.token()).isEmpty(), "at once where it was closed");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(sessions.find(issued.token()).isEmpty(), "within the cache time elsewhere");
    }

    @Test
    void anAccountChangeEndsItsTokensAtTheNextCheck() {
        StaffSessions.Issued g = sessions.open(grace, "MAIN");
        StaffSessions.Issued t = sessions.open(tim, null);
        assertTrue(sessions.find(g.token()).isPresent());
        save(new StaffAccount("grace", "hash-1", StaffRole.LIBRARIAN, "EAST", false));
        assertTrue(sessions.find(g.token()).isPresent(), "still cached");
        assertEquals(1, sessions.forgetCached(), "the settings revision moved: the one validated token is checked again");
        assertTrue(sessions.find(g.token()).isEmpty(), "disabled");
        assertTrue(sessions.find(t.token()).isPresent());
        save(new StaffAccount("tim", "hash-3", StaffRole.TECHNICIAN, null, true));
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertTrue(sessions.find(t.token()).isEmpty(), "a new password");
        assertEquals(0, sessions.size(), "ended tokens are removed");
    }

    @Test
    void closeAllEndsEveryTokenOfALoginAtOnce() {
        StaffSessions.Issued a = sessions.open(tim, null);
        StaffSessions.Issued b = sessions.open(tim, null);
        StaffSessions.Issued c = sessions.open(grace, "MAIN");
        assertTrue(sessions.find(a.token()).isPresent());
        assertEquals(2, sessions.closeAll("tim"));
        assertTrue(sessions.find(a.token()).isEmpty());
        assertTrue(sessions.find(b.token()).isEmpty());
        assertTrue(sessions.find(c.token()).isPresent());
    }

    @Test
    void tokensAreRandomAndNeverShownAndUnknownOnesFindNothing() {
        StaffSessions.Issued a = sessions.open(grace, "MAIN");
        StaffSessions.Issued b = sessions.open(grace, "MAIN");
        assertNotEquals(a.token(), b.token());
        assertFalse(a.toString().contains(a.token()));
        assertTrue(sessions.find("nope").isEmpty());
        assertTrue(sessions.find("").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("x".repeat(10_000)).isEmpty());
        assertFalse(sessions.close("nope"));
    }

    @Test
    void theStoredTokensAreBoundedByDroppingTheOldest() {
        StaffSessions.Issued first = sessions.open(tim, null);
        clock.advance(Duration.ofSeconds(1));
        sessions.open(tim, null);
        clock.advance(Duration.ofSeconds(1));
        sessions.open(tim, null);
        clock.advance(Duration.ofSeconds(1));
        StaffSessions.Issued fourth = sessions.open(tim, null);
        assertEquals(3, sessions.size());
        assertTrue(sessions.find(first.token()).isEmpty());
        assertTrue(sessions.find(fourth.token()).isPresent());
    }
}
