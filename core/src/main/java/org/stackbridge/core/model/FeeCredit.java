package org.stackbridge.core.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A credit in the fee ledger and how it was allocated to debits. {@code reference} is the caller's
 * transaction id (SIP2 BK, NCIP transaction id); unique per channel, so a repeat never pays twice.
 *
 * @param actor        who took it (the staff login, the SIP2 terminal, the NCIP agency); null on older credits
 * @param library      the library where it was taken (the cashier summary's library); null on older credits
 * @param note         the staff note or the reason of a waiver, refund or dispute resolution
 * @param balanceAfter the patron's balance right after this credit (printed on the receipt); null when not known
 */
public record FeeCredit(long id, long patronId, CreditType type, Money amount, String method, String reference,
                        Channel channel, String terminal, Instant at, List<Allocation> allocations,
                        String actor, String library, String note, java.math.BigDecimal balanceAfter) implements Serializable {

    public FeeCredit {
        allocations = List.copyOf(allocations);
    }

    /** A credit without actor, library, note or balance (SIP2 and NCIP payments, older callers). */
    public FeeCredit(long id, long patronId, CreditType type, Money amount, String method, String reference,
                     Channel channel, String terminal, Instant at, List<Allocation> allocations) {
        this(id, patronId, type, amount, method, reference, channel, terminal, at, allocations, null, null, null, null);
    }

    public FeeCredit withId(long newId) {
        return new FeeCredit(newId, patronId, type, amount, method, reference, channel, terminal, at, allocations, actor, library, note,
                balanceAfter);
    }

    public FeeCredit withBalanceAfter(java.math.BigDecimal balance) {
        return new FeeCredit(id, patronId, type, amount, method, reference, channel, terminal, at, allocations, actor, library, note,
                balance);
    }

    /** What this credit put on one fee (zero when it did not touch it). */
    public BigDecimal allocatedTo(long feeId) {
        return allocations.stream().filter(a -> a.feeId() == feeId).map(Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Part of a credit applied to one debit. */
    public record Allocation(long feeId, BigDecimal amount) implements Serializable {
    }
}
