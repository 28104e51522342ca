package org.stackbridge.core.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeDispute;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.FeeBlockPolicy;
import org.stackbridge.core.policy.PolicyTable;

/**
 * What the cashier and disputes desks share: a fee found by id in the caller's institution, and the desk's views of
 * fees and disputes built from the ledger (debits, credits and their allocations, disputes).
 */
abstract class LedgerDesk extends Desk {

    LedgerDesk(EngineSettings settings, Supplier<PolicyTable> policies) {
        super(settings, policies);
    }

    /** A fee and its patron. */
    record OwnedFee(Fee fee, Patron patron) {
    }

    /** The fee with this id if its patron belongs to the caller's institution. */
    Optional<OwnedFee> feeInScope(EngineTx tx, RequestContext ctx, long feeId) {
        return tx.store().fees().byId(feeId).flatMap(f -> tx.store().patrons().byId(f.patronId())
                .filter(p -> inInstitution(tx, ctx, p.homeLibrary())).map(p -> new OwnedFee(f, p)));
    }

    /** The fee in scope when a required note (or reason) is given; else why not. */
    Outcome<OwnedFee> feeWithNote(EngineTx tx, RequestContext ctx, long feeId, String note, String noteName) {
        Optional<OwnedFee> owned = feeInScope(tx, ctx, feeId);
        if (owned.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_FEE, "Unknown fee " + feeId);
        }
        if (note == null || note.isBlank()) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "A " + noteName + " is required");
        }
        return Outcome.success(owned.get());
    }

    Money money(BigDecimal amount) {
        return new Money(amount, settings.currency());
    }

    /** The balance the fee limit is measured against ({@link FeeBlockPolicy}). */
    Money blockingBalance(EngineTx tx, long patronId) {
        Set<Long> disputed = tx.store().fees().openDisputesForPatron(patronId).stream().map(FeeDispute::feeId).collect(Collectors.toSet());
        return FeeBlockPolicy.blockingBalance(tx.store().fees().openForPatron(patronId), disputed, settings.currency());
    }

    /** Sum of what credits of the given kinds put on a fee. */
    static BigDecimal credited(List<FeeCredit> credits, long feeId, java.util.function.Predicate<CreditType> kind) {
        return credits.stream().filter(c -> kind.test(c.type())).map(c -> c.allocatedTo(feeId)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What was paid on a fee and not yet refunded. */
    static BigDecimal refundable(List<FeeCredit> credits, long feeId) {
        return credited(credits, feeId, t -> t == CreditType.PAYMENT).subtract(credited(credits, feeId, t -> t == CreditType.REFUND));
    }

    Views.FeeDetail feeDetail(EngineTx tx, Fee fee, Patron patron, List<FeeCredit> credits, List<FeeDispute> disputes) {
        Optional<FeeDispute> latest = disputes.stream().filter(d -> d.feeId() == fee.id()).max(Comparator.comparingLong(FeeDispute::id));
        Instant last = credits.stream().filter(c -> c.allocatedTo(fee.id()).signum() > 0).map(FeeCredit::at)
                .max(Comparator.naturalOrder()).orElse(fee.createdAt());
        for (FeeDispute d : disputes) {
            if (d.feeId() == fee.id()) {
                Instant at = d.resolvedAt() != null ? d.resolvedAt() : d.openedAt();
                last = at.isAfter(last) ? at : last;
            }
        }
        String item = fee.itemId() == null ? null : tx.store().items().byId(fee.itemId()).map(Item::barcode).orElse(null);
        return new Views.FeeDetail(fee.id(), fee.type(), fee.isOpen() ? "open" : "closed", fee.amount(), fee.remainingMoney(),
                money(credited(credits, fee.id(), t -> t == CreditType.PAYMENT)), money(credited(credits, fee.id(), CreditType::isWaiver)),
                money(credited(credits, fee.id(), t -> t == CreditType.REFUND)), item, fee.description(), fee.createdAt(), last,
                latest.map(FeeDispute::isOpen).orElse(false), latest.map(d -> disputeView(tx, d, fee, patron)).orElse(null));
    }

    Views.DisputeView disputeView(EngineTx tx, FeeDispute d, Fee fee, Patron patron) {
        String state = d.outcome() == null ? "open" : d.outcome().name().toLowerCase(Locale.ROOT);
        return new Views.DisputeView(d.id(), d.feeId(), patron.barcode(), state, d.note(), d.openedAt(), d.openedBy(), d.resolvedAt(),
                d.resolvedBy(), d.resolutionNote(), fee.remainingMoney(), balance(tx, patron.id()));
    }
}
