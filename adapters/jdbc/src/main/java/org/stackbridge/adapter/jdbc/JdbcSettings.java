package org.stackbridge.adapter.jdbc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the database.
 *
 * @param url      JDBC URL: {@code jdbc:h2:file:...} (embedded) or {@code jdbc:postgresql://...}
 * @param poolSize connections (and threads) serving reads; the writer has its own connection
 * @param maxBatch most write units committed together in one transaction
 * @param writers  group-commit writers, each with its own connection, on PostgreSQL (H2 always has one: see
 *                 {@link #writerCount()})
 */
public record JdbcSettings(String url, String user, String password, int poolSize, int maxBatch, int writers) {

    public static final int DEFAULT_POOL_SIZE = 4;
    public static final int DEFAULT_MAX_BATCH = 64;
    public static final int DEFAULT_WRITERS = 4;
    public static final int MAX_WRITERS = 64;

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported JDBC URL (expected jdbc:h2: or jdbc:postgresql:): " + url);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1 || poolSize > 256) {
            throw new IllegalArgumentException("poolSize must be 1..256, was " + poolSize);
        }
        if (maxBatch < 1 || maxBatch > 1024) {
            throw new IllegalArgumentException("maxBatch must be 1..1024, was " + maxBatch);
        }
        if (writers < 1 || writers > MAX_WRITERS) {
            throw new IllegalArgumentException("writers must be 1.." + MAX_WRITERS + ", was " + writers);
        }
    }

    /** With the default number of writers. */
    public JdbcSettings(String url, String user, String password, int poolSize, int maxBatch) {
        this(url, user, password, poolSize, maxBatch, DEFAULT_WRITERS);
    }

    /**
     * The embedded default: an H2 file database {@code stackbridge.mv.db} in {@code dataDir}.
     * {@code WRITE_DELAY=0} makes every commit reach the file before it returns (H2's default delay loses
     * acknowledged commits on a crash). {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing to
     * {@link JdbcStorage#close()}, so a shutdown drains queued writes before the file closes.
     * {@code QUERY_CACHE_SIZE=128} keeps every statement of the adapter parsed (H2's default caches 8). No
     * {@code AUTO_SERVER}: the gateway is the only process using the file; a second process (a CLI
     * import while serving) fails fast on H2's file lock instead of silently becoming a TCP client.
     */
    public static JdbcSettings embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("stackbridge");
        String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=128";
        return new JdbcSettings(url, "sa", "", DEFAULT_POOL_SIZE, DEFAULT_MAX_BATCH);
    }

    public static JdbcSettings of(String url, String user, String password) {
        return new JdbcSettings(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_MAX_BATCH);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * How many writers the storage runs: {@link #writers()} on PostgreSQL, always 1 on H2. H2 (MVStore) stores every
     * commit as a new chunk of its one file under one store lock, and the writer's fdatasync after a batch covers all of
     * it: several writers would only write more, smaller chunks, each waiting for that lock, and commit nothing sooner.
     * PostgreSQL runs each writer's transaction in its own server process, and one WAL flush makes every commit
     * written before it durable, so several writers overlap their statements and share their flushes.
     */
    public int writerCount() {
        return isPostgres() ? writers : 1;
    }

    /**
     * The file an H2 file database keeps its data in ({@code <path>.mv.db}), or null for PostgreSQL and
     * in-memory H2. The writer forces it to disk after each commit (see {@link H2FileSync}).
     */
    public Path h2DataFile() {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return null;
        }
        int end = url.indexOf(';');
        String path = url.substring(prefix.length(), end < 0 ? url.length() : end);
        return Path.of(path + ".mv.db");
    }

    public JdbcSettings withPoolSize(int size) {
        return new JdbcSettings(url, user, password, size, maxBatch, writers);
    }

    public JdbcSettings withMaxBatch(int batch) {
        return new JdbcSettings(url, user, password, poolSize, batch, writers);
    }

    public JdbcSettings withWriters(int count) {
        return new JdbcSettings(url, user, password, poolSize, maxBatch, count);
    }

    @Override
    public String toString() {
        // never print the password
        return "JdbcSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + ", maxBatch=" + maxBatch + ", writers=" + writers + "]";
    }
}
