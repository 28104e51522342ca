package org.stackbridge.core.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.StorageUnavailableException;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;

/**
 * The circuit breaker in front of the storage, which every listener reaches through: after
 * {@link Settings#failureThreshold()} consecutive outage failures (as the storage adapter classifies them) it opens, and
 * every read and write fails at once with {@link StorageUnavailableException} instead of waiting for a connection
 * timeout. After {@link Settings#openTime()} the next call or {@link #available()} check starts one probe (a small read)
 * in the background, the circuit being half-open meanwhile (still refusing); a probe that succeeds closes the circuit,
 * one that fails opens it for another open time. Any answer from the storage, even a refusal of the work, counts as
 * reachable. Timing is the monotonic clock, not the business clock.
 */
public final class StorageCircuitBreaker implements TransactionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StorageCircuitBreaker.class);

    /** When to open and how long to stay open before probing. */
    public record Settings(int failureThreshold, Duration openTime) {
        public static final Settings DEFAULTS = new Settings(3, Duration.ofSeconds(5));

        public Settings {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failure threshold must be at least 1");
            }
            if (openTime.isNegative() || openTime.isZero()) {
                throw new IllegalArgumentException("open time must be positive");
            }
        }
    }

    /** CLOSED passes calls; OPEN refuses them; HALF_OPEN refuses them while one probe runs. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final TransactionRunner storage;
    private final Predicate<Throwable> outage;
    private final Settings settings;
    private final LongSupplier nanoTime;
    private final Function<StoreTx, ?> probe;

    private State state = State.CLOSED;
    private int failures;
    private long openUntil;
    private String lastFailure = "";

    /**
     * @param outage tells a failure that means "storage unreachable" (the adapter's classification) from one of the work
     * @param probe  a small read that succeeds whenever the storage answers
     */
    public StorageCircuitBreaker(TransactionRunner storage, Predicate<Throwable> outage, Settings settings, Function<StoreTx, ?> probe,
            LongSupplier nanoTime) {
        this.storage = storage;
        this.outage = outage;
        this.settings = settings;
        this.probe = probe;
        this.nanoTime = nanoTime;
    }

    public StorageCircuitBreaker(TransactionRunner storage, Predicate<Throwable> outage, Settings settings) {
        this(storage, outage, settings, tx -> tx.libraries().all().size(), System::nanoTime);
    }

    @Override
    public <T> CompletableFuture<T> write(Function<StoreTx, T> work) {
        return guarded(() -> storage.write(work));
    }

    @Override
    public <T> CompletableFuture<T> write(String orderingKey, Function<StoreTx, T> work) {
        return guarded(() -> storage.write(orderingKey, work));
    }

    @Override
    public <T> CompletableFuture<T> read(Function<StoreTx, T> work) {
        return guarded(() -> storage.read(work));
    }

    @Override
    public boolean available() {
        return admit();
    }

    public synchronized State state() {
        return state;
    }

    /** The failure that opened the circuit (for health output); empty while closed. */
    public synchronized String lastFailure() {
        return state == State.CLOSED ? "" : lastFailure;
    }

    @Override
    public void close() {
        storage.close();
    }

    private <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> call) {
        if (!admit()) {
            return CompletableFuture.failedFuture(refusal());
        }
        CompletableFuture<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((value, error) -> {
            if (error == null) {
                reached();
                return value;
            }
            Throwable cause = unwrap(error);
            if (isOutage(cause)) {
                failed(cause);
                throw new CompletionException(cause instanceof StorageUnavailableException u ? u
                        : new StorageUnavailableException("storage unreachable: " + cause.getMessage(), cause));
            }
            reached();
            throw error instanceof CompletionException c ? c : new CompletionException(error);
        });
    }

    private boolean isOutage(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x instanceof StorageUnavailableException || outage.test(x)) {
                return true;
            }
        }
        return false;
    }

    private StorageUnavailableException refusal() {
        return new StorageUnavailableException("storage unavailable (circuit open after: " + lastFailure() + ")", null);
    }

    /** True when a call may go to the storage; starts the probe when the open time is over. */
    private boolean admit() {
        boolean startProbe;
        synchronized (this) {
            if (state == State.CLOSED) {
                return true;
            }
            startProbe = state == State.OPEN && nanoTime.getAsLong() - openUntil >= 0;
            if (startProbe) {
                state = State.HALF_OPEN;
            }
        }
        if (startProbe) {
            probe();
        }
        return false;
    }

    private void probe() {
        CompletableFuture<?> f;
        try {
            f = storage.read(probe);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((v, e) -> {
            if (e == null) {
                synchronized (this) {
                    state = State.CLOSED;
                    failures = 0;
                }
                LOG.info("storage reachable again: circuit closed");
            } else {
                synchronized (this) {
                    open(unwrap(e));
                }
                LOG.warn("storage still unreachable ({}); probing again in {} ms", describe(unwrap(e)), settings.openTime().toMillis());
            }
        });
    }

    private void reached() {
        synchronized (this) {
            if (state == State.CLOSED) {
                failures = 0;
            }
        }
    }

    private void failed(Throwable cause) {
        boolean opened = false;
        synchronized (this) {
            if (state == State.CLOSED && ++failures >= settings.failureThreshold()) {
                open(cause);
                opened = true;
            }
        }
        if (opened) {
            LOG.warn("storage unreachable after {} consecutive failures ({}): circuit open, requests are answered "
                    + "'service unavailable' at once; probing in {} ms", settings.failureThreshold(), describe(cause), settings.openTime().toMillis());
        }
    }

    /** Caller holds the lock. */
    private void open(Throwable cause) {
        state = State.OPEN;
        openUntil = nanoTime.getAsLong() + settings.openTime().toNanos();
        lastFailure = describe(cause);
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) : m;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
