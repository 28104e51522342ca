package org.stackbridge.core.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A credit in the fee ledger and how it was allocated to debits. {@code reference} is the caller's
 * transaction id (SIP2 BK, NCIP transaction id); unique per channel, so a repeat never pays twice.
 */
public record FeeCredit(long id, long patronId, CreditType type, Money amount, String method, String reference,
                        Channel channel, String terminal, Instant at, List<Allocation> allocations) implements Serializable {

    public FeeCredit {
        allocations = List.copyOf(allocations);
    }

    public FeeCredit withId(long newId) {
        return new FeeCredit(newId, patronId, type, amount, method, reference, channel, terminal, at, allocations);
    }

    /** Part of a credit applied to one debit. */
    public record Allocation(long feeId, BigDecimal amount) implements Serializable {
    }
}
