package org.stackbridge.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.StoreConflictException;
import org.stackbridge.core.port.StoreTx;

/**
 * Group commit: one thread takes every write unit queued so far (up to {@code maxBatch}), runs them in
 * ONE transaction, each inside its own savepoint, commits once, and only then completes each unit's
 * future with its own result. Concurrent commands thus share one durable commit (one fsync) instead of
 * paying one each.
 *
 * <p>A unit that throws is rolled back to its savepoint; the others in the batch are unaffected. A
 * {@link StoreConflictException} (another transaction committed the same unique key first) re-runs the
 * unit at once, in the same transaction, where it now sees the winner's row. A deadlock or lock timeout
 * ends the batch early: what ran so far commits (releasing its locks, which the other transaction may be
 * waiting for) and the unit and those after it run in the next batch, where (on PostgreSQL) it runs first and
 * waits longer. If the commit fails, every unit of the batch fails.
 *
 * <p>A storage may run several writers (PostgreSQL); each is one of these, with its own connection and queue.
 */
final class GroupCommitWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    static final int MAX_CONFLICT_RETRIES = 2;
    /**
     * With the writer's 100 ms lock timeout: a unit gives up after about 2 s of short waits for locks (or 20 times picked
     * as a deadlock victim), or (PostgreSQL) after its second {@link #HEAD_LOCK_TIMEOUT_MILLIS long wait} timed out.
     */
    static final int MAX_TRANSIENT_RETRIES = 20;
    /**
     * How long a unit that already timed out waits for a lock when it runs again, first in its batch (PostgreSQL). It
     * then holds no other unit's locks, so it cannot close a cycle with its own batch, and the batches it waits for
     * commit within their own short timeouts: it waits for them instead of timing out again behind the next batch to
     * take the same row (with several writers, another writer's batch almost always holds a much-wanted row). Generous,
     * because on a machine short of CPU a batch may take seconds; a real deadlock is still broken by PostgreSQL's own
     * detection after {@code deadlock_timeout} (1 s by default), and only a lock held elsewhere for this long (a
     * transaction left open in psql) makes the writer wait all of it.
     */
    static final long HEAD_LOCK_TIMEOUT_MILLIS = 10_000;
    private static final long IDLE_POLL_MILLIS = 200;

    private final HikariDataSource dataSource;
    private final int maxBatch;
    private final BlockingQueue<Unit<?>> queue;
    private final ArrayDeque<Unit<?>> deferred = new ArrayDeque<>();
    private final ExecutorService completions;
    private final Thread thread;
    private volatile boolean closing;
    /** The writer's own connection, kept across batches with its prepared statements; null after a failure. */
    private Connection connection;
    private JdbcStoreTx connectionTx;
    /** Statements the writer sent: the units' queries and updates, their savepoints, and each batch's commit. */
    private final LongAdder statements = new LongAdder();
    private final LibraryCache libraryCache;
    /** This writer's number among the storage's writers (its circulation summary shard). */
    private final int number;
    private long connectionUsedAt;
    /** A kept connection idle longer than this is checked before use, as the pool would on borrow. */
    private static final long VALIDATE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong committedUnits = new AtomicLong();
    private final AtomicLong failedUnits = new AtomicLong();
    private final AtomicLong conflictRetries = new AtomicLong();
    private final AtomicLong deferrals = new AtomicLong();
    private final AtomicLong failedCommits = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    /** Committed batches (H2) waiting for the fdatasync that makes them durable, in commit order. */
    private final BlockingQueue<List<Unit<?>>> unsynced = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread syncer;
    private volatile boolean writerDone;
    /** For H2 files: forced to disk by the syncer after commits; null where the database syncs its own commits. */
    private final H2FileSync fileSync;
    /** Whether reads lock the rows they return (PostgreSQL; see {@link Sql#lockingRowsRead()}). */
    private final boolean lockRows;

    GroupCommitWriter(HikariDataSource dataSource, int maxBatch, int queueLimit, ExecutorService completions, String name,
                      H2FileSync fileSync, boolean lockRows, LibraryCache libraryCache, int number) {
        this.dataSource = dataSource;
        this.number = number;
        this.libraryCache = libraryCache;
        this.lockRows = lockRows;
        this.fileSync = fileSync;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueLimit);
        this.completions = completions;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
        if (fileSync != null) {
            this.syncer = new Thread(this::syncLoop, name + "-sync");
            this.syncer.setDaemon(true);
            this.syncer.start();
        } else {
            this.syncer = null;
        }
    }

    <T> CompletableFuture<T> submit(Function<StoreTx, T> work) {
        Unit<T> unit = new Unit<>(work);
        if (closing) {
            return CompletableFuture.failedFuture(new IllegalStateException("storage is closed"));
        }
        if (!queue.offer(unit)) {
            return CompletableFuture.failedFuture(new JdbcStorageException("write queue full (" + queue.size() + " waiting)", null));
        }
        if (closing && !thread.isAlive() && queue.remove(unit)) {
            // raced with close(): the writer is gone and nobody else will run it
            unit.future.completeExceptionally(new IllegalStateException("storage is closed"));
        }
        return unit.future;
    }

    /** Units waiting in this writer's queue (not counting the batch it runs now). */
    int queued() {
        return queue.size();
    }

    JdbcStorage.WriterStats stats() {
        return new JdbcStorage.WriterStats(batches.get(), committedUnits.get(), failedUnits.get(), conflictRetries.get(),
                deferrals.get(), failedCommits.get(), syncs.get());
    }

    /** How many statements the writer has sent since it started (see {@link #statements}). */
    long statements() {
        return statements.sum();
    }

    /** Stops taking units, finishes every queued one, then stops the thread (and the syncer, once it synced all). */
    void close(long timeoutMillis) {
        closing = true;
        // no interrupt: an interrupted thread in H2 file I/O closes the database file
        try {
            thread.join(timeoutMillis);
            writerDone = true;
            if (syncer != null) {
                syncer.join(timeoutMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("writer did not finish within {} ms", timeoutMillis);
        }
        if (syncer != null && syncer.isAlive()) {
            LOG.warn("syncer did not finish within {} ms", timeoutMillis);
        }
        List<Unit<?>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(u -> u.future.completeExceptionally(new IllegalStateException("storage closed before the write ran")));
    }

    private void loop() {
        List<Unit<?>> batch = new ArrayList<>(maxBatch);
        while (true) {
            batch.clear();
            while (!deferred.isEmpty() && batch.size() < maxBatch) {
                batch.add(deferred.poll());
            }
            if (batch.isEmpty()) {
                Unit<?> first;
                try {
                    first = closing ? queue.poll() : queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    first = null;
                }
                if (first == null) {
                    if (closing) {
                        dropConnection(false);
                        return;
                    }
                    continue;
                }
                batch.add(first);
            }
            queue.drainTo(batch, maxBatch - batch.size());
            try {
                runBatch(batch);
            } catch (RuntimeException | Error e) {
                LOG.error("writer batch failed unexpectedly", e);
                deferred.removeAll(batch);
                batch.stream().filter(u -> !u.future.isDone()).forEach(u -> fail(u, e));
            }
        }
    }

    private void runBatch(List<Unit<?>> batch) {
        batches.incrementAndGet();
        List<Unit<?>> applied = new ArrayList<>(batch.size());
        Connection c;
        try {
            long now = System.nanoTime();
            if (connection != null && now - connectionUsedAt > VALIDATE_AFTER_IDLE_NANOS && !connection.isValid(2)) {
                dropConnection(true);
            }
            connectionUsedAt = now;
            if (connection == null) {
                connection = dataSource.getConnection();
                Sql sql = new Sql(connection, true, statements);
                connectionTx = new JdbcStoreTx(lockRows ? sql.lockingRowsRead() : sql, libraryCache, number);
            }
            c = connection;
        } catch (SQLException e) {
            failedCommits.incrementAndGet();
            JdbcStorageException failure = new JdbcStorageException("no database connection: " + e.getMessage(), e);
            batch.forEach(u -> fail(u, failure));
            return;
        }
        boolean broken = false;
        int next = 0;
        try {
            JdbcStoreTx tx = connectionTx;
            batchLoop:
            for (; next < batch.size(); next++) {
                Unit<?> unit = batch.get(next);
                switch (apply(c, tx, unit, applied.isEmpty())) {
                    case APPLIED -> applied.add(unit);
                    case FAILED -> fail(unit, unit.error);
                    case DEFERRED -> {
                        // Another transaction holds what this unit needs and may itself wait for our locks:
                        // commit what we have now, releasing them, and run the rest in the next batch.
                        deferred.addAll(batch.subList(next, batch.size()));
                        next = batch.size();
                        break batchLoop;
                    }
                }
            }
            if (applied.isEmpty()) {
                c.rollback();
                return;
            }
            statements.increment();
            c.commit();
            committedUnits.addAndGet(applied.size());
            if (fileSync == null) {
                completeAll(applied);
            } else {
                // In the file, but maybe only in the OS cache: the syncer acknowledges it after an fdatasync,
                // while this thread runs the next batch.
                unsynced.add(List.copyOf(applied));
            }
        } catch (SQLException | RuntimeException e) {
            // the commit, a rollback or the connection failed: nothing of this batch is known to be durable
            broken = true;
            failedCommits.incrementAndGet();
            LOG.error("transaction of a batch of {} write(s) failed", batch.size(), e);
            JdbcStorageException failure = new JdbcStorageException("commit failed: " + e.getMessage(), e);
            applied.forEach(u -> fail(u, failure));
            // the unit being run and those not reached yet get the same answer
            batch.subList(next, batch.size()).forEach(u -> fail(u, failure));
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is being discarded anyway
            }
        } finally {
            // committed or rolled back: a saved library is dropped from the shared cache again, before any answer
            connectionTx.transactionEnded();
            if (broken) {
                dropConnection(true);
            }
        }
    }

    /**
     * H2 only: one fdatasync for every batch committed since the last, then those batches' units complete,
     * oldest first. The writer meanwhile runs the next batch, so the sync (milliseconds while H2 grows its
     * file) is off its critical path. A later batch may read what an unsynced one wrote, but nothing of it
     * is acknowledged before a sync that covers both.
     */
    private void syncLoop() {
        List<List<Unit<?>>> groups = new ArrayList<>();
        while (true) {
            groups.clear();
            List<Unit<?>> first;
            try {
                first = unsynced.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (writerDone && unsynced.isEmpty()) {
                    return;
                }
                continue;
            }
            groups.add(first);
            unsynced.drainTo(groups);
            try {
                fileSync.sync();
                syncs.incrementAndGet();
                groups.forEach(this::completeAll);
            } catch (IOException | RuntimeException e) {
                // committed, but whether it reached the disk is unknown: say so rather than acknowledge it
                failedCommits.incrementAndGet();
                LOG.error("fdatasync of {} committed batch(es) failed", groups.size(), e);
                JdbcStorageException failure = new JdbcStorageException("database file sync failed: " + e.getMessage(), e);
                groups.forEach(g -> g.forEach(u -> fail(u, failure)));
            }
        }
    }

    /** Gives the writer's connection back (or evicts it after a failure); the next batch takes a fresh one. */
    private void dropConnection(boolean broken) {
        if (connection == null) {
            return;
        }
        connectionTx.sql().closeStatements();
        if (broken) {
            dataSource.evictConnection(connection);
        }
        closeQuietly(connection);
        connection = null;
        connectionTx = null;
    }

    private enum Result { APPLIED, DEFERRED, FAILED }

    /** Runs one unit inside the open transaction. SQLException here means the connection itself failed. */
    private <T> Result apply(Connection c, JdbcStoreTx tx, Unit<T> unit, boolean firstInTx) throws SQLException {
        while (true) {
            // The first unit of a transaction needs no savepoint: rolling back the transaction undoes exactly it.
            Savepoint sp = firstInTx ? null : c.setSavepoint();
            if (sp != null) {
                statements.increment();
            }
            // a unit that timed out before runs first in this batch and waits longer (undone by a rollback)
            boolean patient = firstInTx && lockRows && unit.transients > 0;
            if (patient) {
                setLocalLockTimeout(c, HEAD_LOCK_TIMEOUT_MILLIS);
            }
            tx.sql().resetFailure();
            tx.forgetCached();
            Throwable error;
            try {
                T result = unit.work.apply(tx);
                RuntimeException swallowed = tx.sql().failure();
                if (swallowed == null) {
                    unit.result = result;
                    if (patient) {
                        // the units after it in this transaction hold locks of their own again: back to the short wait
                        setLocalLockTimeout(c, JdbcStorage.WRITER_LOCK_TIMEOUT_MILLIS);
                    }
                    return Result.APPLIED;
                }
                // The unit caught a database error and carried on; its transaction state is not trustworthy.
                error = swallowed;
            } catch (RuntimeException | Error e) {
                error = e;
            }
            tx.forgetCached();
            if (sp == null) {
                c.rollback();
            } else {
                c.rollback(sp);
            }
            if (error instanceof StoreConflictException && unit.conflicts++ < MAX_CONFLICT_RETRIES) {
                conflictRetries.incrementAndGet();
                continue;
            }
            if (error instanceof TransientStorageException && unit.transients < MAX_TRANSIENT_RETRIES) {
                // a long wait that timed out counts as all the short ones: a unit gives up after its second; being
                // picked as a deadlock victim (PostgreSQL breaks the cycle, the other side goes on) counts as one
                unit.transients += patient && isLockTimeout(error) ? MAX_TRANSIENT_RETRIES : 1;
                deferrals.incrementAndGet();
                return Result.DEFERRED;
            }
            unit.error = error;
            return Result.FAILED;
        }
    }

    /** Whether {@code error} came from a lock wait that ran out (SQLState 55P03), not from a deadlock. */
    private static boolean isLockTimeout(Throwable error) {
        return error.getCause() instanceof SQLException e && "55P03".equals(SqlErrors.stateOf(e));
    }

    /** PostgreSQL: the lock timeout until this transaction ends (the session's own, set at connect, comes back then). */
    private void setLocalLockTimeout(Connection c, long millis) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            statements.increment();
            st.execute("SET LOCAL lock_timeout = '" + millis + "ms'");
        }
    }

    private void completeAll(List<Unit<?>> applied) {
        List<Unit<?>> done = List.copyOf(applied);
        try {
            // callbacks (event sinks, protocol writes) must not hold up the next batch
            completions.execute(() -> done.forEach(Unit::complete));
        } catch (RejectedExecutionException e) {
            done.forEach(Unit::complete);
        }
    }

    private void fail(Unit<?> unit, Throwable error) {
        failedUnits.incrementAndGet();
        try {
            completions.execute(() -> unit.future.completeExceptionally(error));
        } catch (RejectedExecutionException e) {
            unit.future.completeExceptionally(error);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing writer connection failed", e);
        }
    }

    private static final class Unit<T> {
        final Function<StoreTx, T> work;
        final CompletableFuture<T> future = new CompletableFuture<>();
        int conflicts;
        int transients;
        T result;
        Throwable error;

        Unit(Function<StoreTx, T> work) {
            this.work = work;
        }

        void complete() {
            future.complete(result);
        }
    }
}
