package org.stackbridge.core.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.policy.Refusal;

/**
 * Writing credits into the fee ledger, shared by the fees desk (kiosk and NCIP payments) and the cashier and disputes
 * desks: allocation oldest first (or in the order given), who took it, where, and the balance left afterwards.
 */
final class FeeLedger {

    /** Largest single amount accepted: far above any library charge, well inside every money column. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");

    private FeeLedger() {
    }

    /** Why an amount is not acceptable: not positive, too large, or in another currency. */
    static Optional<Refusal> invalidAmount(Money amount, EngineSettings settings) {
        if (amount == null || amount.amount().signum() <= 0) {
            return Optional.of(new Refusal(RefusalReason.INVALID_AMOUNT, "Amount must be positive"));
        }
        if (amount.amount().compareTo(MAX_AMOUNT) > 0) {
            return Optional.of(new Refusal(RefusalReason.INVALID_AMOUNT, "Amount must not exceed " + MAX_AMOUNT.toPlainString()));
        }
        if (!amount.currency().equals(settings.currency())) {
            return Optional.of(new Refusal(RefusalReason.CURRENCY_MISMATCH, "Currency must be " + settings.currency().getCurrencyCode()));
        }
        return Optional.empty();
    }

    /**
     * Allocates a credit over {@code fees} in their order, lowering what each owes, and records it; {@code amount} must
     * not exceed what they owe together.
     */
    static FeeCredit settle(EngineTx tx, RequestContext ctx, Patron patron, List<Fee> fees, Money amount, CreditType type,
                            String method, String reference, String note) {
        BigDecimal left = amount.amount();
        List<FeeCredit.Allocation> allocations = new ArrayList<>();
        for (Fee fee : fees) {
            if (left.signum() == 0) {
                break;
            }
            BigDecimal part = left.min(fee.remaining());
            if (part.signum() > 0) {
                tx.store().fees().update(fee.withRemaining(fee.remaining().subtract(part)));
                allocations.add(new FeeCredit.Allocation(fee.id(), part));
                left = left.subtract(part);
            }
        }
        return record(tx, ctx, patron, type, amount, method, reference, note, allocations);
    }

    /** Records a refund of money paid on {@code fee}: allocated to it, without changing what it owes. */
    static FeeCredit refund(EngineTx tx, RequestContext ctx, Patron patron, Fee fee, Money amount, String reason) {
        return record(tx, ctx, patron, CreditType.REFUND, amount, null, null, reason,
                List.of(new FeeCredit.Allocation(fee.id(), amount.amount())));
    }

    private static FeeCredit record(EngineTx tx, RequestContext ctx, Patron patron, CreditType type, Money amount, String method,
                                    String reference, String note, List<FeeCredit.Allocation> allocations) {
        String library = ctx.library() != null ? ctx.library() : patron.homeLibrary();
        BigDecimal balance = tx.store().fees().openForPatron(patron.id()).stream().map(Fee::remaining)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return tx.store().fees().insertCredit(new FeeCredit(0, patron.id(), type, amount, method, reference, ctx.channel(),
                ctx.terminal(), tx.now(), allocations, ctx.actor(), library, note, balance));
    }
}
