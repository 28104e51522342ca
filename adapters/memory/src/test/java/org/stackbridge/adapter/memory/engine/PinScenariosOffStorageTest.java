package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.outcome.Views.PinCheck;
import org.stackbridge.core.security.PinHashing;
import org.stackbridge.core.security.PinVerifier;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.Await;
import org.stackbridge.core.service.EngineSettings;

/**
 * The PIN scenarios again with PINs hashed as the gateway does, on {@link PinHashing}'s threads off the store's: the
 * same answers, one hash per visit, the same lock; and a full hashing queue answers "busy" at once, changing nothing,
 * while patrons whose PIN is remembered and lookups without a PIN do not wait behind the hashes.
 */
class PinScenariosOffStorageTest extends PinScenariosTest {

    private final PinHashing hashingThreads = new PinHashing(1, 8);
    private final List<String> hashedOn = new CopyOnWriteArrayList<>();

    @Override
    protected World world(PinVerifier.SlowCheck slowCheck) {
        return new World(EngineSettings.defaults(), slowCheck, hashingThreads);
    }

    @Override
    protected void hashing() {
        hashedOn.add(Thread.currentThread().getName());
    }

    @AfterEach
    void everyHashRanOnAHashingThread() {
        hashingThreads.close();
        assertTrue(hashedOn.stream().allMatch(name -> name.startsWith("pin-hash-")), () -> "hashed on " + hashedOn);
    }

    @Test
    void aWrongPinIsHashedOnceAndCountedOnce() {
        assertEquals(PinCheck.INVALID, world.ok(new Commands.LookupPatron(world.ctx(), "P1", "0000")).pin());
        assertEquals(1, hashed.get());
        assertEquals(1, hashedOn.size());
        // four more make five failures in a row: locked (one more counted per wrong PIN would have locked at three)
        for (int i = 1; i <= 3; i++) {
            world.ok(new Commands.LookupPatron(world.ctx(), "P1", "000" + i));
            assertFalse(world.info("P1").pinLocked(), "locked after " + (i + 1) + " failures");
        }
        world.ok(new Commands.LookupPatron(world.ctx(), "P1", "0004"));
        assertTrue(world.info("P1").pinLocked());
        assertEquals(5, hashed.get());
    }

    @Test
    @Timeout(20)
    void aFullHashingQueueAnswersBusyAtOnceWhileRememberedAndPinlessVisitsGoOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slow = new AtomicInteger();
        try (PinHashing one = new PinHashing(1, 1)) {
            World w = new World(EngineSettings.defaults(), (pin, stored) -> {
                if (slow.incrementAndGet() > 1) {
                    await(release);
                }
                return SecretHasher.verify(pin, stored);
            }, one);
            try {
                BibRecord bib = w.bib("b1");
                for (int i = 1; i <= 4; i++) {
                    w.patron("P" + i);
                }
                w.item("I1", bib);
                assertEquals(PinCheck.VALID, w.ok(new Commands.LookupPatron(w.ctx(), "P1", World.PIN)).pin());

                // P2's hash holds the one thread, P3's waits in the queue of one: P4's is refused at once
                CompletableFuture<Outcome<Views.PatronInfo>> p2 = lookup(w, "P2", World.PIN);
                Await.until(Duration.ofSeconds(10), () -> slow.get() == 2, "both slow checks run");
                CompletableFuture<Outcome<Views.PatronInfo>> p3 = lookup(w, "P3", World.PIN);
                Await.until(Duration.ofSeconds(10), () -> one.queued() == 1, "one check queued");
                Outcome<Views.PatronInfo> busy = lookup(w, "P4", World.PIN).get(5, TimeUnit.SECONDS);
                Outcome.Refused<Views.PatronInfo> refused = assertInstanceOf(Outcome.Refused.class, busy);
                assertEquals(RefusalReason.SERVICE_UNAVAILABLE, refused.reason());
                assertTrue(refused.message().contains("PIN checks"), refused.message());
                assertEquals(1, one.rejected());
                Outcome<Views.CheckedOut> busyCheckout = w.circ.port().execute(
                        new Commands.CheckOut(w.ctx(), "P4", "I1", "9999", true, false, false)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertInstanceOf(Outcome.Refused.class, busyCheckout);
                assertTrue(w.circ.store().runNow(tx -> tx.loans().openForPatron(tx.patrons().byBarcode("P4").orElseThrow().id())).isEmpty(),
                        "a busy answer changes nothing");
                assertFalse(w.info("P4").pinLocked(), "a busy answer counts no failure");

                // the patron whose PIN is remembered, a checkout with it, and a lookup without a PIN do not wait
                assertEquals(PinCheck.VALID, w.ok(new Commands.LookupPatron(w.ctx(), "P1", World.PIN)).pin());
                w.ok(new Commands.CheckOut(w.ctx(), "P1", "I1", World.PIN, true, false, false));
                assertEquals(PinCheck.NOT_CHECKED, w.ok(new Commands.LookupPatron(w.ctx(), "P3", null)).pin());
                assertFalse(p2.isDone());

                release.countDown();
                assertEquals(PinCheck.VALID, p2.get(5, TimeUnit.SECONDS).value().pin());
                assertEquals(PinCheck.VALID, p3.get(5, TimeUnit.SECONDS).value().pin());
                assertEquals(PinCheck.VALID, w.ok(new Commands.LookupPatron(w.ctx(), "P4", World.PIN)).pin());
            } finally {
                release.countDown();
                w.close();
            }
        }
    }

    private static CompletableFuture<Outcome<Views.PatronInfo>> lookup(World w, String patron, String pin) {
        return w.circ.port().execute(new Commands.LookupPatron(w.ctx(), patron, pin)).toCompletableFuture();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(15, TimeUnit.SECONDS), "latch not released in 15 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
