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
 * Two writers on PostgreSQL counting events of one kiosk location on one day (every kiosk of a branch that sends the
 * branch as its SIP2 location): neither waits for the other's transaction, because each counts into rows of its own
 * (V26). When they shared the row, the second writer waited for the first one's commit, and the four writers of the
 * kiosk benchmark queued behind one another.
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
            storage.write(tx -> {
                tx.libraries().save(Library.of("MAIN", "Main library"));
                return null;
            }).get(30, TimeUnit.SECONDS);
            CountDownLatch counted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> held = storage.write(first, tx -> {
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
            CompletableFuture<Object> other = storage.write(second, tx -> {
                tx.events().append(checkin("kiosk-b"));
                return null;
            });
            try {
                // would wait for the held transaction (and then give up on its lock) if the rows were shared
                other.get(5, TimeUnit.SECONDS);
                assertEquals(1, release.getCount(), "the first writer's transaction was still open");
            } finally {
                release.countDown();
            }
            held.get(30, TimeUnit.SECONDS);
            List<Long> counts = storage.read(tx -> ((JdbcStoreTx) tx).sql().list(
                    "SELECT SUM(checkins) FROM circ_day WHERE terminal = 'BRANCH-LOBBY' GROUP BY local_day",
                    rs -> rs.getLong(1))).get(30, TimeUnit.SECONDS);
            assertEquals(List.of(2L), counts, "the reports' sum over the writers' rows");
        }
    }

    private static CirculationEvent checkin(String login) {
        return new CirculationEvent(0, AT, EventType.CHECKIN, login, Channel.SIP2, "BRANCH-LOBBY", "MAIN", null, null, null);
    }
}
