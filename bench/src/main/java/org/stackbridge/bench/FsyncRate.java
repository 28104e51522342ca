package org.stackbridge.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/** The disk's single-commit rate: small records, each made durable by itself (the ceiling of one commit per command). */
final class FsyncRate {

    private static final int RECORD = 128;
    private static final int RING = 8 * 1024 * 1024;

    private FsyncRate() {
    }

    /**
     * Writes 128-byte records for {@code seconds}, each followed by a sync, and returns syncs per second.
     * {@code append}: append and {@code force(true)} (fsync, the file grows); otherwise overwrite a preallocated
     * 8 MB ring with {@code force(false)} (fdatasync, as PostgreSQL's WAL does on Linux). The file is deleted.
     */
    static double measure(Path file, boolean append, int seconds) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(RECORD);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            if (!append) {
                // preallocate, as a WAL segment is, so each sync flushes data only
                ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
                for (int off = 0; off < RING; off += zeros.capacity()) {
                    zeros.clear();
                    ch.write(zeros, off);
                }
                ch.force(true);
            }
            long n = 0;
            long pos = 0;
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                record.clear();
                record.putLong(0, n);
                if (append) {
                    ch.write(record);
                } else {
                    ch.write(record, pos);
                    pos = (pos + RECORD) % RING;
                }
                ch.force(append);
                n++;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
