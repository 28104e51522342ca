package org.stackbridge.core.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** A debit in the fee ledger; {@code remaining} is what is still owed, kept in step with credits. */
public record Fee(long id, long patronId, FeeType type, Money amount, BigDecimal remaining, Long itemId, Long loanId,
                  String description, Instant createdAt) implements Serializable {

    public boolean isOpen() {
        return remaining.signum() > 0;
    }

    public Money remainingMoney() {
        return new Money(remaining, amount.currency());
    }

    public Fee withId(long newId) {
        return new Fee(newId, patronId, type, amount, remaining, itemId, loanId, description, createdAt);
    }

    public Fee withRemaining(BigDecimal newRemaining) {
        return new Fee(id, patronId, type, amount, newRemaining, itemId, loanId, description, createdAt);
    }
}
