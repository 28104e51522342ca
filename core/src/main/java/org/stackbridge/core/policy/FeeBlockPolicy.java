package org.stackbridge.core.policy;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Currency;
import java.util.Set;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.Money;

/**
 * Which fees count towards the fee-limit block: every open fee except one under an open dispute, until the dispute is
 * resolved (a rejected dispute makes the fee count again; an upheld one waives it). The one place this is decided:
 * the patron's standing ({@link PatronStanding#blockingBalance()}) is built with it, so checkout, the SIP2 patron
 * status flags, NCIP LookupUser and the ILL engine all judge the same balance.
 */
public final class FeeBlockPolicy {

    private FeeBlockPolicy() {
    }

    /** Whether this fee counts towards the fee limit, given the ids of the patron's fees under an open dispute. */
    public static boolean countsTowardsLimit(Fee fee, Set<Long> openlyDisputed) {
        return fee.isOpen() && !openlyDisputed.contains(fee.id());
    }

    /** The balance the fee limit is measured against. */
    public static Money blockingBalance(Collection<Fee> openFees, Set<Long> openlyDisputed, Currency currency) {
        BigDecimal sum = openFees.stream().filter(f -> countsTowardsLimit(f, openlyDisputed)).map(Fee::remaining)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Money(sum, currency);
    }
}
