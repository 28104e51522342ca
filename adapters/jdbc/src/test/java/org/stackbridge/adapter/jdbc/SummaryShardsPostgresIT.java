package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Library;

/**
 * Two writers on PostgreSQL, of one gateway or of two nodes, counting events of one kiosk location on one day (every
 * kiosk of a branch that sends the branch as its SIP2 location): neither waits for the other's transaction, because
 * each counts into rows of its own (V26, and V27's node number). When they shared the row, the second writer waited
 * for the first one's commit, and the four writers of the kiosk benchmark queued behind one another.
 */
class SummaryShardsPostgresIT {

    private static final Instant AT = Instant.parse("2026-12-07T15:00:00Z");

    @Test
    @Timeout(60)
    void writersCountOneLocationsEventsWithoutWaitingForEachOther() throws Exception {
        // keys routed to different writers of two (the storage picks writer floorMod(key.hashCode(), 2))
        String first = "SIP2:kiosk-a";
        String second = "SIP2:kiosk-b";
        assertNotEquals(Math.floorMod(first.hashCode(), 2), Math.floorMod(second.hashCode(), 2));
        try (JdbcStorage storage = JdbcStorage.open(TestPostgres.freshDatabase().withWriters(2))) {
            seed(storage);
            countBesideAnOpenTransaction(storage, first, storage, second);
            assertEquals(List.of(2L), counted(storage), "the reports' sum over the writers' rows");
        }
    }

    /** Two gateway nodes on one database, one writer each: the first writer of each, too, counts into rows of its own. */
    @Test
    @Timeout(60)
    void twoNodesCountOneLocationsEventsWithoutWaitingForEachOther() throws Exception {
        JdbcSettings db = TestPostgres.freshDatabase().withWriters(1);
        try (JdbcStorage nodeA = JdbcStorage.open(db); JdbcStorage nodeB = JdbcStorage.open(db)) {
            seed(nodeA);
            countBesideAnOpenTransaction(nodeA, "SIP2:kiosk-a", nodeB, "SIP2:kiosk-b");
            assertEquals(List.of(2L), counted(nodeB), "the reports' sum over the nodes' rows");
        }
    }

    private static void seed(JdbcStorage storage) throws Exception {
        storage.write(tx -> {
            tx.libraries().save(Library.of("MAIN", "Main library"));
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    /**
     * {@code holding} counts a checkin and keeps its transaction open; {@code other} then counts one for the same
     * location and day, and must commit while the first transaction is still open (it would wait for it, and then give
     * up on its lock, if both updated one row).
     */
    private static void countBesideAnOpenTransaction(JdbcStorage holding, String holdingKey, JdbcStorage other, String otherKey)
            throws Exception {
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> held = holding.write(holdingKey, tx -> {
            tx.events().append(checkin("kiosk-a"));
            counted.countDown();
            try {
                // keeps this writer's transaction, and the rows it wrote, open
                assertTrue(release.await(45, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertTrue(counted.await(30, TimeUnit.SECONDS));
        CompletableFuture<Object> second = other.write(otherKey, tx -> {
            tx.events().append(checkin("kiosk-b"));
            return null;
        });
        try {
            second.get(5, TimeUnit.SECONDS);
            assertEquals(1, release.getCount(), "the first writer's transaction was still open");
        } finally {
            release.countDown();
        }
        held.get(30, TimeUnit.SECONDS);
    }

    private static List<Long> counted(JdbcStorage storage) throws Exception {
        return storage.read(tx -> ((JdbcStoreTx) tx).sql().list(
                "SELECT SUM(checkins) FROM circ_day WHERE terminal = 'BRANCH-LOBBY' GROUP BY local_day",
                rs -> rs.getLong(1))).get(30, TimeUnit.SECONDS);
    }

    private static CirculationEvent checkin(String login) {
        return new CirculationEvent(0, AT, EventType.CHECKIN, login, Channel.SIP2, "BRANCH-LOBBY", "MAIN", null, null, null);
    }
}
