package org.stackbridge.gateway.job;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.stackbridge.core.port.JobLeases;
import org.stackbridge.core.port.TransactionRunner;

/**
 * One job's lease for this gateway node (core's {@link JobLeases} in the shared database): a job that must run on
 * one node at a time (housekeeping, notices) runs only while {@link #acquire()} says so, renews while it works,
 * and releases when done; when the node dies its lease expires after the ttl and another node takes the job over.
 */
public final class JobLease {

    /** A gateway's name among the nodes: process id, host and a random part (a restarted gateway is a new node). */
    public static String newNodeName() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private final TransactionRunner storage;
    private final Clock clock;
    private final String job;
    private final String node;
    private final Duration ttl;

    public JobLease(TransactionRunner storage, Clock clock, String job, String node, Duration ttl) {
        this.storage = storage;
        this.clock = clock;
        this.job = job;
        this.node = node;
        this.ttl = ttl;
    }

    /** Takes or renews the lease; false when another node holds it (or the database cannot say). */
    public boolean acquire() {
        try {
            return storage.write(tx -> tx.leases().acquire(job, node, clock.instant(), ttl)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Takes or renews the lease inside a unit of work the job does anyway (no write of its own); false: another holds it. */
    public boolean renew(org.stackbridge.core.port.StoreTx tx) {
        return tx.leases().acquire(job, node, clock.instant(), ttl);
    }

    public void release() {
        try {
            storage.write(tx -> {
                tx.leases().release(job, node, clock.instant());
                return null;
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // it expires by itself
        }
    }

    /** Who holds the lease now (the node name), if anyone. */
    public Optional<String> holder() {
        return storage.read(tx -> tx.leases().holder(job)).join()
                .filter(l -> l.expiresAt().isAfter(clock.instant())).map(JobLeases.Lease::node);
    }

    public String node() {
        return node;
    }

    public Duration ttl() {
        return ttl;
    }
}
