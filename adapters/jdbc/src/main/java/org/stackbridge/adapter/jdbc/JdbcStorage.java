package org.stackbridge.adapter.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;

/**
 * Storage on H2 (embedded file) or PostgreSQL. Writes go through group-commit writers
 * ({@link GroupCommitWriter}): their futures complete only after the shared commit returned, i.e. once
 * the work is durable. H2 has one writer; PostgreSQL {@link JdbcSettings#writerCount()}, each with its own
 * connection, and writes with the same ordering key always go to the same one (see {@link #write(String, Function)}).
 * Reads run on a small pool of threads with their own read-only connections, never on the caller's thread.
 */
public final class JdbcStorage implements TransactionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);
    private static final long CLOSE_TIMEOUT_MILLIS = 30_000;
    static final int WRITER_LOCK_TIMEOUT_MILLIS = 100;

    /** Counters of the writer since open. */
    public record WriterStats(long batches, long committedUnits, long failedUnits, long conflictRetries, long deferrals,
                              long failedCommits, long fileSyncs) {
        public double averageBatch() {
            return batches == 0 ? 0 : (double) committedUnits / batches;
        }
    }

    private final JdbcSettings settings;
    private final HikariDataSource writePool;
    private final HikariDataSource readPool;
    private final ExecutorService readers;
    private final ExecutorService completions;
    /** One on H2; on PostgreSQL as many as the settings say, each with its own connection and queue. */
    private final List<GroupCommitWriter> writers;
    private final H2FileSync fileSync;
    private volatile boolean closed;
    private final LongAdder readStatements = new LongAdder();
    private final LibraryCache libraryCache = new LibraryCache();

    private JdbcStorage(JdbcSettings settings) {
        this.settings = settings;
        String name = "sb-" + Integer.toHexString(System.identityHashCode(this));
        // The writer waits only briefly for a row or key another transaction holds: a unit that cannot get
        // it is deferred to the next batch (after this one commits and releases its own locks), which
        // resolves cross-batch lock cycles in milliseconds instead of waiting for deadlock detection.
        String writerInit = settings.isPostgres() ? "SET lock_timeout = '" + WRITER_LOCK_TIMEOUT_MILLIS + "ms'"
                : "SET LOCK_TIMEOUT " + WRITER_LOCK_TIMEOUT_MILLIS;
        int writerCount = settings.writerCount();
        this.writePool = pool(settings, name + "-write", writerCount, false, writerInit);
        HikariDataSource reads = null;
        int shardBase;
        try {
            reads = pool(settings, name + "-read", settings.poolSize(), true, null);
            shardBase = settings.isPostgres() ? summaryShardBase(writePool) : 0;
        } catch (RuntimeException e) {
            if (reads != null) {
                reads.close();
            }
            writePool.close();
            throw e;
        }
        this.readPool = reads;
        this.readers = new ThreadPoolExecutor(settings.poolSize(), settings.poolSize(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueLimit(settings)), threads(name + "-reader"));
        this.completions = Executors.newFixedThreadPool(2, threads(name + "-complete"));
        this.fileSync = settings.h2DataFile() == null ? null : new H2FileSync(settings.h2DataFile());
        List<GroupCommitWriter> started = new ArrayList<>(writerCount);
        for (int i = 0; i < writerCount; i++) {
            started.add(new GroupCommitWriter(writePool, settings.maxBatch(), queueLimit(settings), completions,
                    name + "-writer" + (writerCount == 1 ? "" : "-" + i), fileSync, settings.isPostgres(), libraryCache, shardBase + i));
        }
        this.writers = List.copyOf(started);
    }

    /**
     * The first circulation summary shard of this storage's writers on PostgreSQL: this node's number (V27's
     * sequence, modulo 512) times {@link JdbcSettings#MAX_WRITERS}, so the writers of two gateway nodes on one
     * database never update one summary row (a SMALLINT holds 512 x 64 shards). H2 has one process and one writer:
     * shard 0.
     */
    private static int summaryShardBase(HikariDataSource pool) {
        try (java.sql.Connection c = pool.getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT nextval('circ_day_node')")) {
            rs.next();
            long node = rs.getLong(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return (int) Math.floorMod(node, 512L) * JdbcSettings.MAX_WRITERS;
        } catch (java.sql.SQLException e) {
            throw SqlErrors.translate(e, "numbering this node's summary shards");
        }
    }

    /** Brings the schema up to date, then opens the pools and starts the writer. */
    public static JdbcStorage open(JdbcSettings settings) {
        migrate(settings);
        return new JdbcStorage(settings);
    }

    /** Applies pending Flyway migrations only (the {@code db migrate} command); returns how many ran. */
    public static int migrate(JdbcSettings settings) {
        MigrateResult result = flyway(settings).load().migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("database migrated to version {} ({} migration(s))", result.targetSchemaVersion, result.migrationsExecuted);
        }
        return result.migrationsExecuted;
    }

    /** The migrations of {@code settings}' database (a test stops them at an older version with {@code target}). */
    static org.flywaydb.core.api.configuration.FluentConfiguration flyway(JdbcSettings settings) {
        return Flyway.configure()
                .dataSource(settings.url(), settings.user(), settings.password())
                // db/h2 holds H2-only tuning; both databases share db/migration
                .locations(settings.isPostgres() ? new String[] {"classpath:db/migration"}
                        : new String[] {"classpath:db/migration", "classpath:db/h2"});
    }

    /**
     * Whether {@code t} (one exception of a cause chain) means the database cannot be reached, for the storage circuit
     * breaker; failures of the work itself (constraint violations, bugs) are not.
     */
    public static boolean isOutage(Throwable t) {
        return SqlErrors.isOutage(t);
    }

    public boolean isPostgres() {
        return settings.isPostgres();
    }

    public JdbcSettings settings() {
        return settings;
    }

    /** The writers' counters added up. */
    public WriterStats stats() {
        long[] sum = new long[7];
        for (GroupCommitWriter w : writers) {
            WriterStats s = w.stats();
            long[] v = {s.batches(), s.committedUnits(), s.failedUnits(), s.conflictRetries(), s.deferrals(), s.failedCommits(), s.fileSyncs()};
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        return new WriterStats(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6]);
    }

    /** Each writer's counters, in writer order (one entry on H2). */
    public List<WriterStats> statsPerWriter() {
        return writers.stream().map(GroupCommitWriter::stats).toList();
    }

    /**
     * Statements sent to the database since open: by the writer (queries, updates and batches of the write units, their
     * savepoints, each batch's commit) and by the reader threads (queries). What {@code stackbridge_db_statements_total}
     * reports, and how the statements per command in {@code docs/performance.md} are counted.
     */
    public record StatementCounts(long writer, long readers) {
    }

    public StatementCounts statementCounts() {
        return new StatementCounts(writers.stream().mapToLong(GroupCommitWriter::statements).sum(), readStatements.sum());
    }

    /**
     * Settings were changed outside this storage (another gateway on the same database, or the command line; seen
     * through the settings revision): drops the libraries and calendars kept in memory, so the next command reads them.
     * Changes made through this storage need no call: saving a library drops them at once.
     */
    public void settingsChanged() {
        libraryCache.clear();
    }

    /**
     * Empties the daily circulation summary and fills it again from the event log ({@link JdbcCirculationSummary#rebuild}),
     * as one write: no event is written meanwhile. Returns the number of events counted.
     */
    public CompletableFuture<Long> rebuildCirculationSummary() {
        return write(JdbcCirculationSummary::rebuild);
    }

    /** A write with no ordering key: it goes to the writer with the fewest units queued. */
    @Override
    public <T> CompletableFuture<T> write(Function<StoreTx, T> work) {
        return write(null, work);
    }

    /**
     * A write whose order among the writes with the same {@code orderingKey} is kept: every such write goes to the same
     * writer (chosen by the key's hash), which runs its queue in order, each unit after the one before it committed or
     * in the same transaction after it. Without a key, the writer with the fewest units queued takes it.
     */
    @Override
    public <T> CompletableFuture<T> write(String orderingKey, Function<StoreTx, T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("storage is closed"));
        }
        return writerFor(orderingKey).submit(work);
    }

    private GroupCommitWriter writerFor(String orderingKey) {
        int n = writers.size();
        if (n == 1) {
            return writers.get(0);
        }
        if (orderingKey != null) {
            return writers.get(Math.floorMod(orderingKey.hashCode(), n));
        }
        GroupCommitWriter least = writers.get(0);
        int fewest = least.queued();
        for (int i = 1; i < n && fewest > 0; i++) {
            int q = writers.get(i).queued();
            if (q < fewest) {
                fewest = q;
                least = writers.get(i);
            }
        }
        return least;
    }

    @Override
    public <T> CompletableFuture<T> read(Function<StoreTx, T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("storage is closed"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> runRead(work), readers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new JdbcStorageException("read queue full", e));
        }
    }

    private <T> T runRead(Function<StoreTx, T> work) {
        ReaderConnection reader = readerConnection.get();
        Sql sql;
        try {
            sql = reader.sql();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "read");
        }
        sql.resetFailure();
        boolean ok = false;
        try {
            T result = work.apply(new JdbcStoreTx(sql, libraryCache));
            ok = sql.failure() == null;
            return result;
        } finally {
            reader.finish(ok);
        }
    }

    /**
     * Each reader thread keeps one connection and its prepared statements, as the writer does, instead of
     * borrowing from the pool and re-preparing every statement for every read.
     */
    private final ThreadLocal<ReaderConnection> readerConnection = ThreadLocal.withInitial(this::newReaderConnection);
    /** Every reader's kept connection, so close() can close them: the pool only aborts connections in use. */
    private final java.util.Set<ReaderConnection> readerConnections = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ReaderConnection newReaderConnection() {
        ReaderConnection r = new ReaderConnection();
        readerConnections.add(r);
        return r;
    }

    private final class ReaderConnection {
        private Connection connection;
        private Sql sql;
        private long usedAt;

        synchronized Sql sql() throws SQLException {
            long now = System.nanoTime();
            if (connection != null && now - usedAt > TimeUnit.SECONDS.toNanos(1) && !connection.isValid(2)) {
                drop(true);
            }
            usedAt = now;
            if (connection == null) {
                connection = readPool.getConnection();
                sql = new Sql(connection, true, readStatements);
            }
            return sql;
        }

        /** Ends the read transaction; after a failure a connection that is no longer valid is dropped. */
        synchronized void finish(boolean ok) {
            if (connection == null) {
                return;
            }
            try {
                connection.rollback();
                if (!ok && !connection.isValid(2)) {
                    drop(true);
                }
            } catch (SQLException e) {
                drop(true);
            }
        }

        synchronized void release() {
            if (connection != null) {
                drop(false);
            }
        }

        private void drop(boolean broken) {
            sql.closeStatements();
            if (broken) {
                readPool.evictConnection(connection);
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // being discarded
            }
            connection = null;
            sql = null;
        }
    }

    /** Finishes queued writes, then closes the pools. Writes submitted afterwards fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // each finishes its queued units; they close one after another, within one time limit each
        writers.forEach(w -> w.close(CLOSE_TIMEOUT_MILLIS));
        shutdown(readers);
        shutdown(completions);
        // the reader threads have ended; their connections must be closed, or H2 keeps the file open
        readerConnections.forEach(ReaderConnection::release);
        readPool.close();
        writePool.close();
        if (fileSync != null) {
            fileSync.close();
        }
    }

    private static void shutdown(ExecutorService executor) {
        // shutdown(), not shutdownNow(): interrupting a thread inside H2 file I/O closes the database
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("storage threads still busy after {} ms", CLOSE_TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int queueLimit(JdbcSettings settings) {
        return Math.max(1024, settings.maxBatch() * 64);
    }

    private static HikariDataSource pool(JdbcSettings s, String name, int size, boolean readOnly, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(s.url());
        config.setUsername(s.user());
        config.setPassword(s.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setAutoCommit(false);
        config.setReadOnly(readOnly);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(10_000);
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        return new HikariDataSource(config);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
