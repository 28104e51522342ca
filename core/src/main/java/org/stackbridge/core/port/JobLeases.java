package org.stackbridge.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases on jobs that must run on one gateway node at a time (notices, housekeeping) when several share one
 * database. A node holds a job's lease until it expires; it renews it while it works; another node takes it over
 * only once it expired (the holder died or stalled). Each call is its own short transaction.
 */
public interface JobLeases {

    /**
     * Takes, renews or takes over the lease of {@code job} for {@code node} until {@code now + ttl}; false when
     * another node holds an unexpired lease.
     */
    boolean acquire(String job, String node, Instant now, Duration ttl);

    /** Gives the lease up (it expires at once) if {@code node} holds it. */
    void release(String job, String node, Instant now);

    /** Who holds the lease of a job, and until when. */
    Optional<Lease> holder(String job);

    record Lease(String job, String node, Instant expiresAt) {
    }
}
