package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * A patron's dispute of a fee: opened by a staff member with a note, later resolved (upheld or rejected) with a note.
 * While open ({@code outcome} null) the fee does not count towards the fee-limit block
 * ({@link org.stackbridge.core.policy.FeeBlockPolicy}). One open dispute per fee.
 */
public record FeeDispute(long id, long feeId, long patronId, Instant openedAt, String openedBy, String note,
                         Instant resolvedAt, String resolvedBy, DisputeOutcome outcome, String resolutionNote) implements Serializable {

    public boolean isOpen() {
        return outcome == null;
    }

    public FeeDispute withId(long newId) {
        return new FeeDispute(newId, feeId, patronId, openedAt, openedBy, note, resolvedAt, resolvedBy, outcome, resolutionNote);
    }

    public FeeDispute resolved(Instant at, String by, DisputeOutcome how, String resolution) {
        return new FeeDispute(id, feeId, patronId, openedAt, openedBy, note, at, by, how, resolution);
    }
}
