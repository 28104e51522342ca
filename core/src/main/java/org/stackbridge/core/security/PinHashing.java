package org.stackbridge.core.security;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The threads that hash patron PINs (PBKDF2, bcrypt) for {@link PinVerifier#checkAhead}, apart from the storage
 * threads: a fixed number of threads (one per core by default: the work is all CPU) and a bounded queue. When the
 * queue is full, {@link #execute} throws {@link RejectedExecutionException} at once and the caller answers "busy";
 * nothing waits without bound.
 */
public final class PinHashing implements Executor, AutoCloseable {

    /** Queued checks per thread by default: at 44 ms a check, a full queue is about 1.4 s of work. */
    public static final int QUEUE_PER_THREAD = 32;

    private final ThreadPoolExecutor pool;
    private final LongAdder rejected = new LongAdder();

    /** One thread per core, {@link #QUEUE_PER_THREAD} queued checks per thread. */
    public static PinHashing perCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new PinHashing(cores, cores * QUEUE_PER_THREAD);
    }

    public PinHashing(int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("PIN hashing needs at least one thread and a queue of at least one");
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, "pin-hash-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void execute(Runnable check) {
        try {
            pool.execute(check);
        } catch (RejectedExecutionException e) {
            rejected.increment();
            throw e;
        }
    }

    /** Checks refused because the queue was full (for metrics). */
    public long rejected() {
        return rejected.sum();
    }

    /** Checks waiting for a thread now. */
    public int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
