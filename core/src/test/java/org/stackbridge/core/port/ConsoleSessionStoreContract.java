package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.port.ConsoleSessionStore.StoredSession;

public interface ConsoleSessionStoreContract extends StoreFixture {

    Instant SESSION_T0 = Instant.parse("2026-11-02T10:00:00Z");

    private static StoredSession session(String hash, String login, Instant created, Instant lastSeen) {
        return new StoredSession(hash, login, "cred-" + login, "csrf-" + hash, created, lastSeen);
    }

    @Test
    default void aStoredSessionIsFoundByItsHashTouchedAndDeleted() {
        StoredSession s = session("h1", "tim", SESSION_T0, SESSION_T0);
        write(tx -> {
            tx.consoleSessions().insert(s);
            return null;
        });
        assertEquals(s, read(tx -> tx.consoleSessions().find("h1")).orElseThrow());
        assertTrue(read(tx -> tx.consoleSessions().find("h2")).isEmpty());
        Instant later = SESSION_T0.plus(Duration.ofMinutes(5));
        assertTrue(this.<Boolean>write(tx -> tx.consoleSessions().touch("h1", later)));
        assertEquals(later, read(tx -> tx.consoleSessions().find("h1")).orElseThrow().lastSeen());
        assertTrue(this.<Boolean>write(tx -> tx.consoleSessions().touch("h1", SESSION_T0)), "an older time leaves it, but it exists");
        assertEquals(later, read(tx -> tx.consoleSessions().find("h1")).orElseThrow().lastSeen());
        assertTrue(this.<Boolean>write(tx -> tx.consoleSessions().delete("h1")));
        assertFalse(this.<Boolean>write(tx -> tx.consoleSessions().delete("h1")));
        assertFalse(this.<Boolean>write(tx -> tx.consoleSessions().touch("h1", later)));
        assertTrue(read(tx -> tx.consoleSessions().find("h1")).isEmpty());
    }

    @Test
    default void expiredSessionsAndALoginsSessionsAreDeletedAndTheLeastRecentGoBeyondTheLimit() {
        write(tx -> {
            tx.consoleSessions().insert(session("a", "tim", SESSION_T0, SESSION_T0.plus(Duration.ofMinutes(1))));
            tx.consoleSessions().insert(session("b", "tim", SESSION_T0, SESSION_T0.plus(Duration.ofMinutes(50))));
            tx.consoleSessions().insert(session("c", "ann", SESSION_T0.minus(Duration.ofHours(13)), SESSION_T0.plus(Duration.ofMinutes(50))));
            tx.consoleSessions().insert(session("d", "ann", SESSION_T0, SESSION_T0.plus(Duration.ofMinutes(40))));
            tx.consoleSessions().insert(session("e", "bob", SESSION_T0, SESSION_T0.plus(Duration.ofMinutes(45))));
            tx.consoleSessions().insert(session("f", "bob", SESSION_T0, SESSION_T0.plus(Duration.ofMinutes(30))));
            return null;
        });
        assertEquals(6, (int) this.<Integer>read(tx -> tx.consoleSessions().count()));
        // idle since before 10:20, or signed in before 22:00 the day before
        assertEquals(2, (int) this.<Integer>write(tx -> tx.consoleSessions().deleteExpired(SESSION_T0.plus(Duration.ofMinutes(20)),
                SESSION_T0.minus(Duration.ofHours(12)))));
        assertTrue(read(tx -> tx.consoleSessions().find("a")).isEmpty(), "idle");
        assertTrue(read(tx -> tx.consoleSessions().find("c")).isEmpty(), "too old");
        assertEquals(1, (int) this.<Integer>write(tx -> tx.consoleSessions().trimTo(3)));
        assertTrue(read(tx -> tx.consoleSessions().find("f")).isEmpty(), "the least recently seen went");
        assertEquals(0, (int) this.<Integer>write(tx -> tx.consoleSessions().trimTo(3)));
        assertEquals(1, (int) this.<Integer>write(tx -> tx.consoleSessions().deleteLogin("bob")));
        assertTrue(read(tx -> tx.consoleSessions().find("b")).isPresent());
        assertTrue(read(tx -> tx.consoleSessions().find("d")).isPresent());
        assertEquals(2, (int) this.<Integer>read(tx -> tx.consoleSessions().count()));
    }

    @Test
    default void aFailedUnitOfWorkKeepsNoSessionAndUndoesADelete() {
        write(tx -> {
            tx.consoleSessions().insert(session("keep", "tim", SESSION_T0, SESSION_T0));
            return null;
        });
        Throwable t = writeFailure(tx -> {
            tx.consoleSessions().insert(session("ghost", "tim", SESSION_T0, SESSION_T0));
            tx.consoleSessions().delete("keep");
            throw new IllegalStateException("boom");
        });
        assertEquals("boom", t.getMessage());
        assertTrue(read(tx -> tx.consoleSessions().find("ghost")).isEmpty());
        assertTrue(read(tx -> tx.consoleSessions().find("keep")).isPresent());
    }
}
