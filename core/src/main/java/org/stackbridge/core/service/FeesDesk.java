package org.stackbridge.core.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.stackbridge.core.command.Commands.AssessFee;
import org.stackbridge.core.command.Commands.PayFee;
import org.stackbridge.core.command.Commands.WaiveFee;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.policy.Refusal;
import org.stackbridge.core.port.StoreTx;

/** The fees desk: payments, waivers and manual charges. */
final class FeesDesk extends Desk {

    FeesDesk(EngineSettings settings, Supplier<PolicyTable> policies) {
        super(settings, policies);
    }

    void registerOn(CirculationEngine engine) {
        engine.register(PayFee.class, this::payFee);
        engine.register(WaiveFee.class, this::waiveFee);
        engine.register(AssessFee.class, this::assessFee);
    }

    // ---------------------------------------------------------------- fees

    private Outcome<Views.FeePaid> payFee(PayFee cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> maybePatron = findPatron(tx, ctx, cmd.patronBarcode());
        if (maybePatron.isEmpty()) {
            return unknownPatron(tx, cmd.patronBarcode());
        }
        Patron patron = maybePatron.get();
        StoreTx s = tx.store();
        if (cmd.transactionId() != null && !cmd.transactionId().isBlank()) {
            Optional<FeeCredit> seen = s.fees().creditByReference(ctx.channel(), cmd.transactionId());
            if (seen.isPresent()) {
                FeeCredit c = seen.get();
                if (c.patronId() != patron.id() || c.amount().compareTo(sameCurrencyOrNull(cmd.amount(), c.amount())) != 0) {
                    return Outcome.refused(RefusalReason.DUPLICATE, "Transaction id " + cmd.transactionId() + " was already used");
                }
                return Outcome.success(new Views.FeePaid(c.id(), patronView(tx, patron), c.amount(), allocations(c),
                        balance(tx, patron.id()), c.reference(), true));
            }
        }
        Optional<Refusal> invalid = validateAmount(cmd.amount());
        if (invalid.isPresent()) {
            return invalid.get().outcome();
        }
        List<Fee> open = s.fees().openForPatron(patron.id());
        List<Fee> targets;
        if (cmd.feeId() != null) {
            Optional<Fee> fee = open.stream().filter(f -> f.id() == cmd.feeId()).findFirst();
            if (fee.isEmpty()) {
                return Outcome.refused(RefusalReason.UNKNOWN_FEE, "No open fee " + cmd.feeId() + " for this patron");
            }
            targets = List.of(fee.get());
        } else {
            targets = open;
        }
        BigDecimal owed = targets.stream().map(Fee::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (owed.signum() == 0) {
            return Outcome.refused(RefusalReason.NOTHING_OWED, "Nothing is owed");
        }
        if (cmd.amount().amount().compareTo(owed) > 0) {
            return Outcome.refused(RefusalReason.OVERPAYMENT, "Payment exceeds the amount owed (" + owed.toPlainString() + ")");
        }
        FeeCredit credit = applyCredit(tx, ctx, patron, targets, cmd.amount(), CreditType.PAYMENT, cmd.method(), blankToNull(cmd.transactionId()));
        tx.log(ctx, EventType.FEE_PAID, ctx.library(), patron.id(), null, "credit=" + credit.id() + " amount=" + cmd.amount());
        return Outcome.success(new Views.FeePaid(credit.id(), patronView(tx, patron), cmd.amount(), allocations(credit),
                balance(tx, patron.id()), credit.reference(), false));
    }

    private Outcome<Views.FeePaid> waiveFee(WaiveFee cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return unknownPatron(tx, cmd.patronBarcode());
        }
        Optional<Refusal> invalid = validateAmount(cmd.amount());
        if (invalid.isPresent()) {
            return invalid.get().outcome();
        }
        Optional<Fee> fee = tx.store().fees().byId(cmd.feeId()).filter(f -> f.patronId() == patron.get().id() && f.isOpen());
        if (fee.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_FEE, "No open fee " + cmd.feeId() + " for this patron");
        }
        if (cmd.amount().amount().compareTo(fee.get().remaining()) > 0) {
            return Outcome.refused(RefusalReason.OVERPAYMENT, "Waiver exceeds the amount owed (" + fee.get().remaining().toPlainString() + ")");
        }
        CreditType type = cmd.type() == null ? CreditType.WAIVER : cmd.type();
        FeeCredit credit = applyCredit(tx, ctx, patron.get(), List.of(fee.get()), cmd.amount(), type, cmd.reason(), null);
        tx.log(ctx, EventType.FEE_WAIVED, ctx.library(), patron.get().id(), fee.get().itemId(),
                "fee=" + fee.get().id() + " " + type + " " + cmd.amount());
        return Outcome.success(new Views.FeePaid(credit.id(), patronView(tx, patron.get()), cmd.amount(), allocations(credit),
                balance(tx, patron.get().id()), null, false));
    }

    private Outcome<Views.FeeAssessed> assessFee(AssessFee cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return unknownPatron(tx, cmd.patronBarcode());
        }
        if (cmd.type() == null) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Fee type is required");
        }
        Optional<Refusal> invalid = validateAmount(cmd.amount());
        if (invalid.isPresent()) {
            return invalid.get().outcome();
        }
        Long itemId = null;
        if (cmd.itemBarcode() != null && !cmd.itemBarcode().isBlank()) {
            Optional<Item> item = findItem(tx, ctx, cmd.itemBarcode());
            if (item.isEmpty()) {
                return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
            }
            itemId = item.get().id();
        }
        Fee fee = tx.store().fees().insert(new Fee(0, patron.get().id(), cmd.type(), cmd.amount(), cmd.amount().amount(), itemId, null,
                cmd.description() == null ? cmd.type().name() : cmd.description(), tx.now()));
        tx.log(ctx, EventType.FEE_ASSESSED, ctx.library(), patron.get().id(), itemId, "fee=" + fee.id() + " " + cmd.type() + " " + cmd.amount());
        return Outcome.success(new Views.FeeAssessed(fee.id(), patronView(tx, patron.get()), cmd.type(), cmd.amount(), balance(tx, patron.get().id())));
    }

    private Optional<Refusal> validateAmount(Money amount) {
        return FeeLedger.invalidAmount(amount, settings);
    }

    private static Money sameCurrencyOrNull(Money requested, Money stored) {
        return requested != null && requested.currency().equals(stored.currency()) ? requested : new Money(BigDecimal.valueOf(-1), stored.currency());
    }

    /** Allocates a credit oldest-first over {@code fees} and records it; amount must not exceed what they owe. */
    private FeeCredit applyCredit(EngineTx tx, RequestContext ctx, Patron patron, List<Fee> fees, Money amount,
                                  CreditType type, String method, String reference) {
        return FeeLedger.settle(tx, ctx, patron, fees, amount, type, method, reference, type == CreditType.PAYMENT ? null : method);
    }

    private static List<Views.FeeAllocation> allocations(FeeCredit c) {
        return c.allocations().stream().map(a -> new Views.FeeAllocation(a.feeId(), a.amount())).toList();
    }

}
