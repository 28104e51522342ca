package org.stackbridge.core.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.stackbridge.core.command.Commands.ListFees;
import org.stackbridge.core.command.Commands.LookupReceipt;
import org.stackbridge.core.command.Commands.RefundFee;
import org.stackbridge.core.command.Commands.SummariseCashier;
import org.stackbridge.core.command.Commands.TakePayment;
import org.stackbridge.core.command.Commands.WaiveFeeById;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeDispute;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.policy.Refusal;

/**
 * The cash desk: a patron's fees, payments with their receipts, waivers and refunds of one fee, and the cashier's
 * summary of a library's day. Every credit records the staff member and the library where it was taken.
 */
final class CashierDesk extends LedgerDesk {

    /** Most lines a fee list page carries. */
    static final int MAX_PER_PAGE = 100;

    CashierDesk(EngineSettings settings, Supplier<PolicyTable> policies) {
        super(settings, policies);
    }

    void registerOn(CirculationEngine engine) {
        engine.register(ListFees.class, this::listFees);
        engine.register(TakePayment.class, this::takePayment);
        engine.register(LookupReceipt.class, this::receipt);
        engine.register(WaiveFeeById.class, this::waive);
        engine.register(RefundFee.class, this::refund);
        engine.register(SummariseCashier.class, this::summary);
    }

    static String receiptNumber(long paymentId) {
        return String.format(Locale.ROOT, "R%08d", paymentId);
    }

    // ---------------------------------------------------------------- fees

    private Outcome<Views.FeeList> listFees(ListFees cmd, EngineTx tx) {
        Optional<Patron> found = findPatron(tx, cmd.context(), cmd.patronBarcode());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Patron patron = found.get();
        List<Fee> fees = cmd.includeClosed() ? tx.store().fees().forPatron(patron.id()) : tx.store().fees().openForPatron(patron.id());
        int perPage = Math.max(1, Math.min(MAX_PER_PAGE, cmd.perPage()));
        int page = Math.max(1, cmd.page());
        long skip = (long) (page - 1) * perPage;
        List<Fee> shown = fees.stream().skip(skip).limit(perPage).toList();
        List<FeeCredit> credits = shown.isEmpty() ? List.of() : tx.store().fees().creditsForPatron(patron.id());
        List<FeeDispute> disputes = shown.isEmpty() ? List.of() : tx.store().fees().disputesForPatron(patron.id());
        List<Views.FeeDetail> lines = shown.stream().map(f -> feeDetail(tx, f, patron, credits, disputes)).toList();
        return Outcome.success(new Views.FeeList(patronView(tx, patron), lines, page, perPage, fees.size(), balance(tx, patron.id()),
                blockingBalance(tx, patron.id())));
    }

    // ---------------------------------------------------------------- payments

    private Outcome<Views.Receipt> takePayment(TakePayment cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> found = findPatron(tx, ctx, cmd.patronBarcode());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Patron patron = found.get();
        Optional<Refusal> invalid = FeeLedger.invalidAmount(cmd.amount(), settings);
        if (invalid.isPresent()) {
            return invalid.get().outcome();
        }
        if (cmd.paymentType() == null) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "A payment type is required");
        }
        List<Fee> open = tx.store().fees().openForPatron(patron.id());
        List<Fee> targets = new ArrayList<>();
        if (cmd.feeIds().isEmpty()) {
            targets.addAll(open);
        } else {
            for (long id : new LinkedHashSet<>(cmd.feeIds())) {
                Optional<Fee> fee = tx.store().fees().byId(id).filter(f -> f.patronId() == patron.id());
                if (fee.isEmpty()) {
                    return Outcome.refused(RefusalReason.UNKNOWN_FEE, "Patron " + patron.barcode() + " has no fee " + id);
                }
                if (!fee.get().isOpen()) {
                    return Outcome.refused(RefusalReason.NOTHING_OWED, "Fee " + id + " owes nothing");
                }
                targets.add(fee.get());
            }
        }
        BigDecimal owed = targets.stream().map(Fee::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (owed.signum() == 0) {
            return Outcome.refused(RefusalReason.NOTHING_OWED, "Patron " + patron.barcode() + " owes nothing");
        }
        if (cmd.amount().amount().compareTo(owed) > 0) {
            return Outcome.refused(RefusalReason.OVERPAYMENT, "Payment of " + cmd.amount().toPlainString() + " exceeds the balance of "
                    + owed.toPlainString() + (cmd.feeIds().isEmpty() ? " owed" : " owed on the fees named"));
        }
        String note = blankToNull(cmd.note());
        FeeCredit credit = FeeLedger.settle(tx, ctx, patron, targets, cmd.amount(), CreditType.PAYMENT, cmd.paymentType().label(), null, note);
        tx.log(ctx, EventType.FEE_PAID, credit.library(), patron.id(), null, "payment=" + credit.id() + " amount=" + cmd.amount()
                + " type=" + cmd.paymentType().label() + " fees=" + credit.allocations().stream().map(a -> a.feeId() + ":" + a.amount())
                .collect(Collectors.joining(",")) + " balance=" + owedBefore(open) + "->" + credit.balanceAfter().toPlainString()
                + (note == null ? "" : " note=" + note));
        return Outcome.success(receiptOf(tx, credit, patron));
    }

    private static String owedBefore(List<Fee> open) {
        return open.stream().map(Fee::remaining).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString();
    }

    private Outcome<Views.Receipt> receipt(LookupReceipt cmd, EngineTx tx) {
        Optional<FeeCredit> credit = tx.store().fees().creditById(cmd.paymentId()).filter(c -> c.type() == CreditType.PAYMENT);
        Optional<Patron> patron = credit.flatMap(c -> tx.store().patrons().byId(c.patronId()))
                .filter(p -> inInstitution(tx, cmd.context(), p.homeLibrary()));
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_FEE, "Unknown payment " + cmd.paymentId());
        }
        return Outcome.success(receiptOf(tx, credit.get(), patron.get()));
    }

    private Views.Receipt receiptOf(EngineTx tx, FeeCredit c, Patron patron) {
        List<Views.ReceiptLine> lines = new ArrayList<>();
        for (FeeCredit.Allocation a : c.allocations()) {
            Optional<Fee> fee = tx.store().fees().byId(a.feeId());
            String item = fee.map(Fee::itemId).flatMap(id -> tx.store().items().byId(id)).map(Item::barcode).orElse(null);
            lines.add(new Views.ReceiptLine(a.feeId(), fee.map(Fee::type).orElse(null), fee.map(Fee::description).orElse(null), item,
                    fee.map(Fee::amount).orElse(null), money(a.amount())));
        }
        String code = c.library() != null ? c.library() : patron.homeLibrary();
        Library library = library(tx, code);
        Money remaining = c.balanceAfter() != null ? money(c.balanceAfter()) : balance(tx, patron.id());
        return new Views.Receipt(c.id(), receiptNumber(c.id()), library.code(), library.name(), patron.barcode(), patron.name(), lines,
                c.amount(), c.method(), c.note(), remaining, c.actor(), c.at());
    }

    // ---------------------------------------------------------------- waivers and refunds of one fee

    private Outcome<Views.FeeCredited> waive(WaiveFeeById cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Outcome<OwnedFee> found = feeWithNote(tx, ctx, cmd.feeId(), cmd.reason(), "reason");
        if (!(found instanceof Outcome.Success<OwnedFee> owned)) {
            return found.map(none -> null);
        }
        Fee fee = owned.result().fee();
        if (!fee.isOpen()) {
            return Outcome.refused(RefusalReason.NOTHING_OWED, "Fee " + fee.id() + " owes nothing; there is nothing to waive");
        }
        Money amount = cmd.amount() == null ? fee.remainingMoney() : cmd.amount();
        Optional<Refusal> invalid = FeeLedger.invalidAmount(amount, settings);
        if (invalid.isPresent()) {
            return invalid.get().outcome();
        }
        if (amount.amount().compareTo(fee.remaining()) > 0) {
            return Outcome.refused(RefusalReason.OVERPAYMENT, "A waiver of " + amount.toPlainString() + " exceeds the "
                    + fee.remaining().toPlainString() + " still owed on fee " + fee.id());
        }
        String reason = cmd.reason().strip();
        FeeCredit credit = FeeLedger.settle(tx, ctx, owned.result().patron(), List.of(fee), amount, CreditType.WAIVER, null, null, reason);
        tx.log(ctx, EventType.FEE_WAIVED, credit.library(), fee.patronId(), fee.itemId(), "fee=" + fee.id() + " " + CreditType.WAIVER + " "
                + amount + " credit=" + credit.id() + " outstanding=" + fee.remaining().toPlainString() + "->"
                + fee.remaining().subtract(amount.amount()).toPlainString() + " reason=" + reason);
        return Outcome.success(credited(tx, credit, fee.id(), owned.result().patron()));
    }

    private Outcome<Views.FeeCredited> refund(RefundFee cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Outcome<OwnedFee> found = feeWithNote(tx, ctx, cmd.feeId(), cmd.reason(), "reason");
        if (!(found instanceof Outcome.Success<OwnedFee> owned)) {
            return found.map(none -> null);
        }
        Optional<Refusal> invalid = FeeLedger.invalidAmount(cmd.amount(), settings);
        if (invalid.isPresent()) {
            return invalid.get().outcome();
        }
        Fee fee = owned.result().fee();
        BigDecimal refundable = refundable(tx.store().fees().creditsForPatron(fee.patronId()), fee.id());
        if (cmd.amount().amount().compareTo(refundable) > 0) {
            return Outcome.refused(RefusalReason.OVERPAYMENT, "A refund of " + cmd.amount().toPlainString() + " exceeds the "
                    + refundable.toPlainString() + " paid on fee " + fee.id() + " and not yet refunded");
        }
        String reason = cmd.reason().strip();
        FeeCredit credit = FeeLedger.refund(tx, ctx, owned.result().patron(), fee, cmd.amount(), reason);
        tx.log(ctx, EventType.FEE_REFUNDED, credit.library(), fee.patronId(), fee.itemId(), "fee=" + fee.id() + " refund " + cmd.amount()
                + " credit=" + credit.id() + " refundable=" + refundable.toPlainString() + "->"
                + refundable.subtract(cmd.amount().amount()).toPlainString() + " reason=" + reason);
        return Outcome.success(credited(tx, credit, fee.id(), owned.result().patron()));
    }

    private Views.FeeCredited credited(EngineTx tx, FeeCredit credit, long feeId, Patron patron) {
        Fee after = tx.store().fees().byId(feeId).orElseThrow();
        return new Views.FeeCredited(credit.id(), feeId, patron.barcode(), credit.type(), credit.amount(), credit.note(),
                after.remainingMoney(), balance(tx, patron.id()));
    }

    // ---------------------------------------------------------------- the cashier's day

    private Outcome<Views.CashierSummary> summary(SummariseCashier cmd, EngineTx tx) {
        Optional<Library> found = cmd.library() == null ? Optional.empty() : tx.store().libraries().find(cmd.library())
                .filter(l -> inInstitution(tx, cmd.context(), l.code()));
        if (found.isEmpty() || cmd.date() == null) {
            return Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown library " + cmd.library());
        }
        Library library = found.get();
        ZoneId zone = library.zone();
        Instant from = cmd.date().atStartOfDay(zone).toInstant();
        Instant to = cmd.date().plusDays(1).atStartOfDay(zone).toInstant();
        List<FeeCredit> credits = tx.store().fees().creditsAt(library.code(), from, to);
        Map<String, List<FeeCredit>> byType = new TreeMap<>();
        Map<String, List<FeeCredit>> byStaff = new TreeMap<>();
        for (FeeCredit c : credits) {
            if (c.type() == CreditType.PAYMENT) {
                byType.computeIfAbsent(c.method() == null ? "other" : c.method(), k -> new ArrayList<>()).add(c);
            }
            byStaff.computeIfAbsent(c.actor() == null ? "" : c.actor(), k -> new ArrayList<>()).add(c);
        }
        List<Views.PaymentTotal> types = byType.entrySet().stream()
                .map(e -> new Views.PaymentTotal(e.getKey(), e.getValue().size(), sum(e.getValue(), t -> true))).toList();
        List<Views.StaffTotal> staff = byStaff.entrySet().stream()
                .map(e -> new Views.StaffTotal(e.getKey(), (int) e.getValue().stream().filter(c -> c.type() == CreditType.PAYMENT).count(),
                        sum(e.getValue(), t -> t == CreditType.PAYMENT), sum(e.getValue(), CreditType::isWaiver),
                        sum(e.getValue(), t -> t == CreditType.REFUND))).toList();
        int payments = (int) credits.stream().filter(c -> c.type() == CreditType.PAYMENT).count();
        return Outcome.success(new Views.CashierSummary(library.code(), cmd.date(), payments, sum(credits, t -> t == CreditType.PAYMENT),
                types, sum(credits, CreditType::isWaiver), sum(credits, t -> t == CreditType.REFUND), staff));
    }

    private Money sum(List<FeeCredit> credits, java.util.function.Predicate<CreditType> kind) {
        return money(credits.stream().filter(c -> kind.test(c.type())).map(c -> c.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
