package org.stackbridge.staff.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.InMemoryStore;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.staff.auth.StaffAuthenticator;

/** Console sessions over a real store (the in-memory adapter; the gateway's tests run them on H2 and PostgreSQL). */
class ConsoleSessionsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final InMemoryStore store = new InMemoryStore();
    private final ConsoleSessions sessions = new ConsoleSessions(store, clock, Duration.ofMinutes(30), Duration.ofHours(12), 3);

    ConsoleSessionsTest() throws Exception {
        store.write(tx -> {
            tx.libraries().save(Library.of("MAIN", "Main"));
            for (String login : new String[] {"tim", "a", "b", "c", "d"}) {
                tx.staff().save(account(login, "hash-1", true));
            }
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    private static StaffAccount account(String login, String hash, boolean enabled) {
        return new StaffAccount(login, hash, StaffRole.TECHNICIAN, "MAIN", enabled);
    }

    private ConsoleSessions.Started signIn(String login) throws Exception {
        StaffAccount a = store.read(tx -> tx.staff().find(login)).get(5, TimeUnit.SECONDS).orElseThrow();
        return sessions.start(new StaffAuthenticator.Verified(a, "MAIN"));
    }

    private Optional<ConsoleSession> find(String token) throws Exception {
        return sessions.find(token).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSessionLivesWhileUsedAndEndsAfterTheIdleTime() throws Exception {
        ConsoleSessions.Started s = signIn("tim");
        assertEquals("tim", find(s.token()).orElseThrow().login());
        assertEquals("MAIN", find(s.token()).orElseThrow().staff().institution());
        clock.set(T0.plus(Duration.ofMinutes(29)));
        assertTrue(find(s.token()).isPresent());
        clock.set(T0.plus(Duration.ofMinutes(58)));
        assertTrue(find(s.token()).isPresent(), "each request counts as activity");
        clock.set(T0.plus(Duration.ofMinutes(88)));
        assertTrue(find(s.token()).isEmpty(), "30 minutes idle");
        clock.set(T0.plus(Duration.ofMinutes(89)));
        assertTrue(find(s.token()).isEmpty(), "and it stays ended");
        assertEquals(0, sessions.size(), "the ended session is removed from the store");
    }

    @Test
    void aSessionEndsAtTheLatestAfterItsLifetimeEvenWhenBusy() throws Exception {
        ConsoleSessions.Started s = signIn("tim");
        for (int m = 20; m < 12 * 60; m += 20) {
            clock.set(T0.plus(Duration.ofMinutes(m)));
            assertTrue(find(s.token()).isPresent(), "minute " + m);
        }
        clock.set(T0.plus(Duration.ofHours(12)));
        assertTrue(find(s.token()).isEmpty());
    }

    @Test
    void onlyTheHashOfTheCookieIsStored() throws Exception {
        ConsoleSessions.Started s = signIn("tim");
        assertTrue(store.read(tx -> tx.consoleSessions().find(s.token())).get(5, TimeUnit.SECONDS).isEmpty());
        var stored = store.read(tx -> tx.consoleSessions().find(ConsoleSessions.hash(s.token()))).get(5, TimeUnit.SECONDS).orElseThrow();
        assertEquals("tim", stored.login());
        assertEquals(s.session().csrf(), stored.csrf());
        assertFalse(stored.credential().contains("hash-1"), "no password hash in the session table");
    }

    @Test
    void aChangeToTheAccountMadeAnywhereEndsItsSessions() throws Exception {
        ConsoleSessions.Started s = signIn("tim");
        store.write(tx -> {
            tx.staff().save(account("tim", "hash-2", true));
            return null;
        }).get(5, TimeUnit.SECONDS);
        assertTrue(find(s.token()).isEmpty(), "a new password ends the session");
        ConsoleSessions.Started again = signIn("tim");
        store.write(tx -> {
            tx.staff().save(account("tim", "hash-2", false));
            return null;
        }).get(5, TimeUnit.SECONDS);
        assertTrue(find(again.token()).isEmpty(), "disabled");
    }

    @Test
    void signOutEndsTheSessionAndEachSessionHasItsOwnCsrfToken() throws Exception {
        ConsoleSessions.Started a = signIn("tim");
        ConsoleSessions.Started b = signIn("tim");
        String csrfA = find(a.token()).orElseThrow().csrf();
        assertNotEquals(csrfA, find(b.token()).orElseThrow().csrf());
        assertEquals(csrfA, find(a.token()).orElseThrow().csrf(), "stable for the session");
        assertTrue(sessions.end(a.token()));
        assertTrue(find(a.token()).isEmpty());
        assertTrue(find(b.token()).isPresent());
        assertFalse(sessions.end(a.token()));
        assertEquals(1, sessions.endAll("tim"));
        assertTrue(find(b.token()).isEmpty());
    }

    @Test
    void unknownOrOversizedTokensFindNothingAndTheLeastRecentSessionGoesBeyondTheLimit() throws Exception {
        assertTrue(find(null).isEmpty());
        assertTrue(find("x".repeat(200)).isEmpty());
        assertTrue(find(ConsoleSessions.randomToken()).isEmpty());
        ConsoleSessions.Started first = signIn("a");
        clock.set(T0.plus(Duration.ofMinutes(1)));
        signIn("b");
        clock.set(T0.plus(Duration.ofMinutes(2)));
        signIn("c");
        clock.set(T0.plus(Duration.ofMinutes(3)));
        signIn("d");
        assertTrue(find(first.token()).isEmpty(), "the least recently used of four went at a limit of three");
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
