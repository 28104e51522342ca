package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.port.StaffTokenStore.StoredToken;

public interface StaffTokenStoreContract extends StoreFixture {

    Instant TOKEN_T0 = Instant.parse("2026-11-02T10:00:00Z");

    private static StoredToken token(String hash, String login, Instant created) {
        return new StoredToken(hash, login, "cred-" + login, created, created.plus(Duration.ofHours(8)), created);
    }

    @Test
    default void aStoredTokenIsFoundByItsHashTouchedAndDeleted() {
        StoredToken t = token("h1", "tim", TOKEN_T0);
        write(tx -> {
            tx.staffTokens().insert(t);
            return null;
        });
        assertEquals(t, read(tx -> tx.staffTokens().find("h1")).orElseThrow());
        assertTrue(read(tx -> tx.staffTokens().find("h2")).isEmpty());
        Instant later = TOKEN_T0.plus(Duration.ofMinutes(5));
        assertTrue(this.<Boolean>write(tx -> tx.staffTokens().touch("h1", later)));
        assertEquals(later, read(tx -> tx.staffTokens().find("h1")).orElseThrow().lastUsed());
        assertTrue(this.<Boolean>write(tx -> tx.staffTokens().touch("h1", TOKEN_T0)), "an older time leaves it, but it exists");
        assertEquals(later, read(tx -> tx.staffTokens().find("h1")).orElseThrow().lastUsed());
        assertTrue(this.<Boolean>write(tx -> tx.staffTokens().delete("h1")));
        assertFalse(this.<Boolean>write(tx -> tx.staffTokens().delete("h1")));
        assertFalse(this.<Boolean>write(tx -> tx.staffTokens().touch("h1", later)));
        assertTrue(read(tx -> tx.staffTokens().find("h1")).isEmpty());
    }

    @Test
    default void expiredTokensAndALoginsTokensAreDeletedAndTheOldestGoBeyondTheLimit() {
        write(tx -> {
            tx.staffTokens().insert(token("a", "tim", TOKEN_T0.minus(Duration.ofHours(9))));
            tx.staffTokens().insert(token("b", "tim", TOKEN_T0.minus(Duration.ofHours(8))));
            tx.staffTokens().insert(token("c", "ann", TOKEN_T0.minus(Duration.ofHours(3))));
            tx.staffTokens().insert(token("d", "ann", TOKEN_T0.minus(Duration.ofHours(1))));
            tx.staffTokens().insert(token("e", "bob", TOKEN_T0.minus(Duration.ofHours(2))));
            tx.staffTokens().insert(token("f", "bob", TOKEN_T0));
            return null;
        });
        assertEquals(6, (int) this.<Integer>read(tx -> tx.staffTokens().count()));
        // a expired an hour ago, b expires exactly now
        assertEquals(2, (int) this.<Integer>write(tx -> tx.staffTokens().deleteExpired(TOKEN_T0)));
        assertTrue(read(tx -> tx.staffTokens().find("a")).isEmpty());
        assertTrue(read(tx -> tx.staffTokens().find("b")).isEmpty());
        assertEquals(1, (int) this.<Integer>write(tx -> tx.staffTokens().trimTo(3)));
        assertTrue(read(tx -> tx.staffTokens().find("c")).isEmpty(), "the oldest issued went");
        assertEquals(0, (int) this.<Integer>write(tx -> tx.staffTokens().trimTo(3)));
        assertEquals(2, (int) this.<Integer>write(tx -> tx.staffTokens().deleteLogin("bob")));
        assertTrue(read(tx -> tx.staffTokens().find("d")).isPresent());
        assertEquals(1, (int) this.<Integer>read(tx -> tx.staffTokens().count()));
    }

    @Test
    default void aFailedUnitOfWorkKeepsNoTokenAndUndoesADelete() {
        write(tx -> {
            tx.staffTokens().insert(token("keep", "tim", TOKEN_T0));
            return null;
        });
        Throwable t = writeFailure(tx -> {
            tx.staffTokens().insert(token("ghost", "tim", TOKEN_T0));
            tx.staffTokens().delete("keep");
            throw new IllegalStateException("boom");
        });
        assertEquals("boom", t.getMessage());
        assertTrue(read(tx -> tx.staffTokens().find("ghost")).isEmpty());
        assertTrue(read(tx -> tx.staffTokens().find("keep")).isPresent());
    }
}
