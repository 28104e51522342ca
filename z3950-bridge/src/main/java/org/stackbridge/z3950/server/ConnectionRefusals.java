package org.stackbridge.z3950.server;

import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.z3950.handler.Z3950Metrics;

/**
 * Counts refused or cut-off connections ({@code stackbridge.z3950.requests{pdu=connection,outcome=<reason>}}) and
 * logs them with the client address, at most one line per reason and {@code intervalNanos} (the line says how many
 * were not logged since the last one), so a flood of connections cannot flood the log.
 */
final class ConnectionRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRefusals.class);

    private final Z3950Metrics metrics;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    ConnectionRefusals(Z3950Metrics metrics, LongSupplier nanoTime, long intervalNanos) {
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.intervalNanos = intervalNanos;
    }

    void refused(String reason, SocketAddress remote) {
        metrics.count("connection", reason);
        long now = nanoTime.getAsLong();
        Window w = windows.computeIfAbsent(reason, r -> new Window(now));
        long next = w.nextLog.get();
        if (now - next >= 0 && w.nextLog.compareAndSet(next, now + intervalNanos)) {
            long more = w.suppressed.getAndSet(0);
            LOG.warn("Z39.50/SRU connection from {} closed: {}{}", remote, reason,
                    more == 0 ? "" : " (" + more + " more not logged)");
        } else {
            w.suppressed.incrementAndGet();
        }
    }

    /** Per reason, so a flood of one kind does not hide the other kinds. */
    private static final class Window {
        final AtomicLong nextLog;
        final AtomicLong suppressed = new AtomicLong();

        Window(long now) {
            nextLog = new AtomicLong(now);
        }
    }
}
