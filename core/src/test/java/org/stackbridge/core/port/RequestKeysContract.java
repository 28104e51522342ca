package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

public interface RequestKeysContract extends StoreFixture {

    @Test
    default void storedOutcomeIsFoundByScopeAndKey() {
        write(tx -> {
            tx.requestKeys().put("SIP2:kiosk", "k1", new byte[] {1, 2, 3}, T0);
            return null;
        });
        assertArrayEquals(new byte[] {1, 2, 3}, read(tx -> tx.requestKeys().find("SIP2:kiosk", "k1")).orElseThrow());
        assertTrue(read(tx -> tx.requestKeys().find("SIP2:other", "k1")).isEmpty());
        assertTrue(read(tx -> tx.requestKeys().find("SIP2:kiosk", "k2")).isEmpty());
    }

    @Test
    default void repeatedKeyIsAConflict() {
        write(tx -> {
            tx.requestKeys().put("NCIP:a", "k1", new byte[] {1}, T0);
            return null;
        });
        StoreFixture.expectConflict(writeFailure(tx -> {
            tx.requestKeys().put("NCIP:a", "k1", new byte[] {2}, T0);
            return null;
        }));
        assertArrayEquals(new byte[] {1}, read(tx -> tx.requestKeys().find("NCIP:a", "k1")).orElseThrow());
    }

    @Test
    default void longScopesAndKeysWork() {
        String scope = "SIP2:" + "s".repeat(600);
        String key = "k".repeat(1_000);
        write(tx -> {
            tx.requestKeys().put(scope, key, new byte[] {7}, T0);
            return null;
        });
        assertArrayEquals(new byte[] {7}, read(tx -> tx.requestKeys().find(scope, key)).orElseThrow());
        assertTrue(read(tx -> tx.requestKeys().find(scope, key + "x")).isEmpty());
        StoreFixture.expectConflict(writeFailure(tx -> {
            tx.requestKeys().put(scope, key, new byte[] {8}, T0);
            return null;
        }));
    }

    @Test
    default void purgeDropsOnlyOlderKeys() {
        write(tx -> {
            tx.requestKeys().put("s", "old1", new byte[] {1}, T0.minusSeconds(100));
            tx.requestKeys().put("s", "old2", new byte[] {1}, T0.minusSeconds(1));
            tx.requestKeys().put("s", "now", new byte[] {1}, T0);
            return null;
        });
        assertEquals(2, (int) write(tx -> tx.requestKeys().purgeBefore(T0)));
        assertTrue(read(tx -> tx.requestKeys().find("s", "old1")).isEmpty());
        assertTrue(read(tx -> tx.requestKeys().find("s", "now")).isPresent());
        // a purged key may be used again
        write(tx -> {
            tx.requestKeys().put("s", "old1", new byte[] {9}, T0);
            return null;
        });
        assertArrayEquals(new byte[] {9}, read(tx -> tx.requestKeys().find("s", "old1")).orElseThrow());
    }

    @Test
    default void outcomesUpToOneMebibyteAreKept() {
        byte[] big = new byte[1 << 20];
        big[0] = 1;
        big[big.length - 1] = 2;
        write(tx -> {
            tx.requestKeys().put("s", "big", big, T0);
            return null;
        });
        assertArrayEquals(big, read(tx -> tx.requestKeys().find("s", "big")).orElseThrow());
    }

    @Test
    default void newestIfSameNamesTheScopesNewestKeyOnlyWhenItHadTheseBytes() {
        write(tx -> {
            tx.requestKeys().put("SIP2:k1", "0:aaaa#u1", new byte[] {1}, T0.minusSeconds(20));
            tx.requestKeys().put("SIP2:k1", "1:bb_b#u2", new byte[] {2}, T0.minusSeconds(10));
            tx.requestKeys().put("SIP2:k2", "2:cccc#u3", new byte[] {3}, T0);
            return null;
        });
        assertEquals(java.util.Optional.of("1:bb_b#u2"), read(tx -> tx.requestKeys().newestIfSame("SIP2:k1", "1:bb_b")));
        // an older request with the same bytes is not the terminal's last one: not a retransmission
        assertTrue(read(tx -> tx.requestKeys().newestIfSame("SIP2:k1", "0:aaaa")).isEmpty());
        // "_" is a character, not a LIKE wildcard; other scopes do not count
        assertTrue(read(tx -> tx.requestKeys().newestIfSame("SIP2:k1", "1:bbxb")).isEmpty());
        assertTrue(read(tx -> tx.requestKeys().newestIfSame("SIP2:k1", "2:cccc")).isEmpty());
        assertTrue(read(tx -> tx.requestKeys().newestIfSame("SIP2:none", "0:aaaa")).isEmpty());
        // a bare key (stored before the "#" suffixes) matches itself, and "1:bb" is no prefix of "1:bb_b"
        write(tx -> {
            tx.requestKeys().put("SIP2:k1", "3:dddd", new byte[] {4}, T0);
            return null;
        });
        assertEquals(java.util.Optional.of("3:dddd"), read(tx -> tx.requestKeys().newestIfSame("SIP2:k1", "3:dddd")));
        assertTrue(read(tx -> tx.requestKeys().newestIfSame("SIP2:k1", "3:dd")).isEmpty());
    }
}
