package org.stackbridge.adapter.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces an H2 database file to disk. H2 writes a commit to the file but never fsyncs it, so without this
 * a power failure or kernel crash could lose commits we already acknowledged. The group-commit writer's
 * syncer thread calls {@link #sync()} after commits and before completing any unit of them: one fdatasync
 * per batch, or per several when the writer committed more while the last sync ran.
 *
 * <p>The channel stays open until the storage closes, after H2 has closed the file: on POSIX, closing any
 * descriptor of a file drops the process's locks on it, H2's file lock included.
 */
final class H2FileSync implements AutoCloseable {

    private final Path file;
    private FileChannel channel;

    H2FileSync(Path file) {
        this.file = file;
    }

    /** fdatasync: the file's data, and its length when it grew; not its times. */
    void sync() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        channel.force(false);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to flush through it
            }
            channel = null;
        }
    }
}
