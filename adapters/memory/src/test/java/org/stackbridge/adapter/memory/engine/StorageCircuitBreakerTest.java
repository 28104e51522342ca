package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.service.LocalCirculationPort;
import org.stackbridge.core.service.StorageCircuitBreaker;
import org.stackbridge.core.service.StorageCircuitBreaker.State;

/** The storage circuit breaker between the engine and an in-memory store that can be taken down and brought back. */
@Timeout(30)
class StorageCircuitBreakerTest {

    /** What the adapter would classify as "database unreachable". */
    static final class Outage extends RuntimeException {
        Outage() {
            super("connection refused");
        }
    }

    /** The world's store, or failures when down; a held probe stays pending until released. */
    static final class Switchable implements TransactionRunner {
        final TransactionRunner store;
        volatile boolean down;
        volatile CompletableFuture<Void> gate;
        final AtomicInteger calls = new AtomicInteger();
        /** The ordering key of the last keyed write that reached the storage. */
        volatile String lastOrderingKey;

        Switchable(TransactionRunner store) {
            this.store = store;
        }

        @Override
        public <T> CompletableFuture<T> write(Function<StoreTx, T> work) {
            return run(() -> store.write(work));
        }

        @Override
        public <T> CompletableFuture<T> write(String orderingKey, Function<StoreTx, T> work) {
            lastOrderingKey = orderingKey;
            return run(() -> store.write(orderingKey, work));
        }

        @Override
        public <T> CompletableFuture<T> read(Function<StoreTx, T> work) {
            return run(() -> store.read(work));
        }

        private <T> CompletableFuture<T> run(java.util.function.Supplier<CompletableFuture<T>> call) {
            calls.incrementAndGet();
            CompletableFuture<Void> g = gate;
            CompletableFuture<Void> before = g == null ? CompletableFuture.completedFuture(null) : g;
            return before.thenCompose(x -> down ? CompletableFuture.failedFuture(new Outage()) : call.get());
        }

        @Override
        public void close() {
        }
    }

    private final World w = new World();
    private final Switchable storage = new Switchable(w.circ.store());
    private final AtomicLong nanos = new AtomicLong();
    private final StorageCircuitBreaker breaker = new StorageCircuitBreaker(storage, t -> t instanceof Outage,
            new StorageCircuitBreaker.Settings(2, Duration.ofSeconds(5)), tx -> tx.libraries().all().size(), nanos::get);
    private final LocalCirculationPort port = new LocalCirculationPort(w.circ.engine(), breaker, e -> { });

    private <R> Outcome<R> run(Command<R> c) throws Exception {
        return port.execute(c).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static RefusalReason reason(Outcome<?> o) {
        return o instanceof Outcome.Refused<?> r ? r.reason() : null;
    }

    @Test
    void consecutiveOutagesOpenTheCircuitAndOpenMeansNoCallReachesTheStorage() throws Exception {
        w.patron("P1");
        w.item("I1", w.bib("b1"));
        assertTrue(run(w.lookup("P1")).isSuccess());
        storage.down = true;
        Outcome<?> first = run(w.lookup("P1"));
        assertEquals(RefusalReason.SERVICE_UNAVAILABLE, reason(first));
        assertFalse(((Outcome.Refused<?>) first).message().contains("Exception"), first.toString());
        assertEquals(State.CLOSED, breaker.state(), "one failure is not yet an outage");
        assertEquals(RefusalReason.SERVICE_UNAVAILABLE, reason(run(w.checkout("P1", "I1"))));
        assertEquals(State.OPEN, breaker.state());
        assertFalse(port.available());

        int calls = storage.calls.get();
        assertEquals(RefusalReason.SERVICE_UNAVAILABLE, reason(run(w.checkout("P1", "I1"))));
        assertEquals(RefusalReason.SERVICE_UNAVAILABLE, reason(run(w.lookup("P1"))));
        assertEquals(calls, storage.calls.get(), "while open, nothing waits on the storage");
        assertEquals(ItemStatus.AVAILABLE, w.circ.store().items().byBarcode("I1").orElseThrow().status(), "nothing was changed");
    }

    @Test
    void aCommandsOrderingKeyReachesTheStorageThroughTheBreaker() throws Exception {
        w.patron("P1");
        w.item("I1", w.bib("b1"));
        Command<?> checkout = w.checkout("P1", "I1");
        assertTrue(run(checkout).isSuccess());
        assertEquals(checkout.context().orderingKey(), storage.lastOrderingKey,
                "a storage with several writers keeps one terminal's writes in order only if it gets their key");
    }

    @Test
    void aFailureOfTheWorkIsNoOutageAndResetsTheCount() throws Exception {
        w.patron("P1");
        storage.down = true;
        run(w.lookup("P1"));
        storage.down = false;
        assertEquals(RefusalReason.UNKNOWN_ITEM, reason(run(w.checkout("P1", "NOSUCH"))), "the storage answered");
        storage.down = true;
        run(w.lookup("P1"));
        assertEquals(State.CLOSED, breaker.state(), "the failures were not consecutive");
    }

    @Test
    void afterTheOpenTimeOneProbeRunsAndOnlyItsSuccessClosesTheCircuit() throws Exception {
        w.patron("P1");
        storage.down = true;
        run(w.lookup("P1"));
        run(w.lookup("P1"));
        assertEquals(State.OPEN, breaker.state());

        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        int calls = storage.calls.get();
        assertFalse(breaker.available());
        assertEquals(calls, storage.calls.get(), "no probe before the open time is over");

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertFalse(breaker.available(), "the probe fails: still down");
        assertEquals(calls + 1, storage.calls.get());
        assertEquals(State.OPEN, breaker.state(), "open for another open time");

        storage.down = false;
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        storage.gate = new CompletableFuture<>();
        assertEquals(RefusalReason.SERVICE_UNAVAILABLE, reason(run(w.lookup("P1"))), "the request that starts the probe is not the probe");
        assertEquals(State.HALF_OPEN, breaker.state());
        assertEquals(RefusalReason.SERVICE_UNAVAILABLE, reason(run(w.lookup("P1"))), "half-open refuses while the probe runs");
        assertEquals(calls + 2, storage.calls.get(), "one probe at a time");
        CompletableFuture<Void> gate = storage.gate;
        storage.gate = null;
        gate.complete(null);

        // the store answers the probe on its own thread
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (breaker.state() != State.CLOSED && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(State.CLOSED, breaker.state());
        assertTrue(port.available());
        assertTrue(run(w.lookup("P1")).isSuccess(), "recovered without a restart");
    }
}
