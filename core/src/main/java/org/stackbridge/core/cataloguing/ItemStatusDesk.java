package org.stackbridge.core.cataloguing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.cataloguing.CatalogueCommands.ChangeItem;
import org.stackbridge.core.cataloguing.CatalogueCommands.ClaimReturned;
import org.stackbridge.core.command.Commands.CheckIn;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.LoanMark;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.ItemStatusPolicies;
import org.stackbridge.core.policy.ItemStatusSettings;
import org.stackbridge.core.policy.Refusal;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineTx;

/**
 * Item status by hand, each change decided by {@link ItemStatusPolicies}: damaged (with a repair fee), missing,
 * withdrawn, lost (billing the borrower), available, in process; claims returned; and, around check-in, giving back
 * what a lost item's borrower was billed when the item comes back.
 */
final class ItemStatusDesk {

    /** How far back in an item's event log the last borrower is looked for. */
    private static final int HISTORY_LIMIT = 10_000;
    private static final BigDecimal MAX_FEE = new BigDecimal("100000");

    private final CirculationEngine engine;
    private final ItemStatusSettings settings;

    ItemStatusDesk(CirculationEngine engine, ItemStatusSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    void registerOn(CirculationEngine e) {
        e.register(ChangeItem.class, this::changeItem);
        e.register(ClaimReturned.class, this::claimReturned);
        e.decorate(CheckIn.class, inner -> (cmd, tx) -> {
            List<LoanMark> lost = lostMarks(tx, cmd.context(), cmd.itemBarcode());
            Outcome<Views.CheckedIn> out = inner.handle(cmd, tx);
            if (out.isSuccess()) {
                for (LoanMark m : lost) {
                    giveBack(tx, cmd.context(), m);
                }
            }
            return out;
        });
    }

    private Outcome<CatalogueViews.ItemChanged> changeItem(ChangeItem cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Item> found = engine.findItem(tx, ctx, cmd.barcode());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item " + cmd.barcode());
        }
        Item item = found.get();
        CatalogueCommands.ItemEdit edit = cmd.edit() == null ? new CatalogueCommands.ItemEdit(null, null, null, null, null) : cmd.edit();
        if (edit.library() != null && !edit.library().equals(item.homeLibrary())) {
            Optional<Outcome<CatalogueViews.ItemChanged>> badLibrary = CatalogueDesk.checkLibrary(tx, ctx, edit.library());
            if (badLibrary.isPresent()) {
                return badLibrary.get();
            }
        }
        Optional<Outcome<CatalogueViews.ItemChanged>> badPrice = CatalogueDesk.checkPrice(engine, edit.price());
        if (badPrice.isPresent()) {
            return badPrice.get();
        }
        Item edited = new Item(item.id(), item.barcode(), item.bibId(), or(edit.itemType(), item.itemType()), or(edit.library(), item.homeLibrary()),
                item.currentLibrary(), or(edit.location(), item.location()), or(edit.callNumber(), item.callNumber()),
                edit.price() == null ? item.price() : edit.price().amount(), item.status(), item.inTransitTo(), item.illRequestId());
        if (cmd.status() == null) {
            String changes = CatalogueDesk.changes(java.util.Arrays.asList(
                    CatalogueDesk.change("item_type", item.itemType(), edited.itemType()),
                    CatalogueDesk.change("library", item.homeLibrary(), edited.homeLibrary()),
                    CatalogueDesk.change("location", item.location(), edited.location()),
                    CatalogueDesk.change("call_number", item.callNumber(), edited.callNumber()),
                    CatalogueDesk.change("price", CatalogueDesk.plain(item.price()), CatalogueDesk.plain(edited.price()))));
            if (!changes.isEmpty()) {
                tx.store().items().update(edited);
                tx.log(ctx, EventType.ITEM_UPDATED, edited.homeLibrary(), null, item.id(), changes);
            }
            return Outcome.success(new CatalogueViews.ItemChanged(engine.itemInfo(tx, edited), item.status(), cmd.note(), null, List.of(), false));
        }
        Optional<Loan> loan = tx.store().loans().openForItem(item.id());
        Optional<Patron> named = Optional.empty();
        if (cmd.patronBarcode() != null) {
            named = engine.findPatron(tx, ctx, cmd.patronBarcode());
            if (named.isEmpty()) {
                return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron " + cmd.patronBarcode());
            }
        }
        if (cmd.repairFee() != null) {
            Optional<Outcome<CatalogueViews.ItemChanged>> bad = checkAmount(cmd.repairFee());
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        Optional<Patron> billable = named.isPresent() ? named : lastBorrower(tx, item);
        Optional<Refusal> refused = ItemStatusPolicies.check(new ItemStatusPolicies.StatusCase(item, cmd.status(), loan.isPresent(),
                cmd.repairFee() != null, billable.isPresent()));
        if (refused.isPresent()) {
            return refused.get().outcome(engine.itemInfo(tx, item));
        }
        Item updated = edited.withStatus(cmd.status());
        tx.store().items().update(updated);
        // An item pulled off the hold shelf or out of transit no longer serves its hold: back to the queue.
        tx.store().holds().openTrappingItem(item.id()).ifPresent(h -> tx.store().holds().update(h.untrapped()));
        tx.log(ctx, EventType.ITEM_STATUS_CHANGED, item.currentLibrary(), loan.map(Loan::patronId).orElse(null), item.id(),
                CatalogueDesk.changes(java.util.Arrays.asList(CatalogueDesk.change("status", item.status(), updated.status()),
                        CatalogueDesk.change("item_type", item.itemType(), updated.itemType()),
                        CatalogueDesk.change("library", item.homeLibrary(), updated.homeLibrary()),
                        CatalogueDesk.change("location", item.location(), updated.location()),
                        CatalogueDesk.change("call_number", item.callNumber(), updated.callNumber()),
                        CatalogueDesk.change("price", CatalogueDesk.plain(item.price()), CatalogueDesk.plain(updated.price())),
                        cmd.note() == null ? null : "note: " + cmd.note())));
        List<Views.FeeLine> fees = new ArrayList<>();
        Patron billed = null;
        boolean markedLost = false;
        if (cmd.status() == ItemStatus.DAMAGED && cmd.repairFee() != null) {
            billed = billable.orElseThrow();
            fees.add(bill(tx, ctx, billed, item, null, FeeType.DAMAGE, cmd.repairFee(),
                    "Repair: " + title(tx, item) + (cmd.note() == null ? "" : " (" + cmd.note() + ")")));
        } else if (cmd.status() == ItemStatus.LOST && loan.isPresent()) {
            billed = tx.store().patrons().byId(loan.get().patronId()).orElseThrow();
            Money replacement = new Money(ItemStatusPolicies.replacementCharge(updated, settings), engine.settings().currency());
            Views.FeeLine lostFee = bill(tx, ctx, billed, item, loan.get().id(), FeeType.LOST, replacement, "Lost: " + title(tx, item));
            fees.add(lostFee);
            Long processingId = null;
            if (settings.lostProcessingFee().signum() > 0) {
                Views.FeeLine processing = bill(tx, ctx, billed, item, loan.get().id(), FeeType.PROCESSING,
                        new Money(settings.lostProcessingFee(), engine.settings().currency()), "Lost item processing: " + title(tx, item));
                fees.add(processing);
                processingId = processing.feeId();
            }
            tx.store().loanMarks().insert(new LoanMark(loan.get().id(), item.id(), billed.id(), LoanMark.Kind.LOST,
                    tx.effectiveTime(ctx), ctx.actor(), lostFee.feeId(), processingId));
            markedLost = true;
        }
        return Outcome.success(new CatalogueViews.ItemChanged(engine.itemInfo(tx, updated), item.status(), cmd.note(),
                billed == null ? null : engine.patronView(tx, billed), fees, markedLost));
    }

    private Outcome<CatalogueViews.ClaimedReturned> claimReturned(ClaimReturned cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Item> found = engine.findItem(tx, ctx, cmd.itemBarcode());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item " + cmd.itemBarcode());
        }
        Item item = found.get();
        Optional<Loan> loan = tx.store().loans().openForItem(item.id());
        List<LoanMark> marks = loan.map(l -> tx.store().loanMarks().forLoan(l.id())).orElse(List.of());
        Optional<Refusal> refused = ItemStatusPolicies.claimsReturned(item, loan.isPresent(), marks);
        if (refused.isPresent()) {
            return refused.get().outcome(engine.itemInfo(tx, item));
        }
        Patron borrower = tx.store().patrons().byId(loan.get().patronId()).orElseThrow();
        java.time.Instant at = tx.effectiveTime(ctx);
        tx.store().loanMarks().insert(new LoanMark(loan.get().id(), item.id(), borrower.id(), LoanMark.Kind.CLAIMS_RETURNED, at,
                ctx.actor(), null, null));
        Item updated = item.withStatus(ItemStatus.CLAIMS_RETURNED);
        tx.store().items().update(updated);
        tx.log(ctx, EventType.CLAIMED_RETURNED, item.currentLibrary(), borrower.id(), item.id(), "loan=" + loan.get().id()
                + " status: " + item.status() + " -> " + updated.status() + "; fines stop at " + at
                + (cmd.note() == null ? "" : "; note: " + cmd.note()));
        int claims = tx.store().loanMarks().countForPatron(borrower.id(), LoanMark.Kind.CLAIMS_RETURNED);
        return Outcome.success(new CatalogueViews.ClaimedReturned(engine.itemInfo(tx, updated), engine.patronView(tx, borrower), at, claims));
    }

    // ---------------------------------------------------------------- lost item returned

    private List<LoanMark> lostMarks(EngineTx tx, RequestContext ctx, String barcode) {
        return engine.findItem(tx, ctx, barcode).flatMap(i -> tx.store().loans().openForItem(i.id()))
                .map(l -> tx.store().loanMarks().forLoan(l.id()).stream().filter(m -> m.kind() == LoanMark.Kind.LOST).toList())
                .orElse(List.of());
    }

    /**
     * The item of a lost loan came back: the fees {@link ItemStatusPolicies#refundedOnReturn} names are cancelled where
     * still owed and recorded as a refund due where paid.
     */
    private void giveBack(EngineTx tx, RequestContext ctx, LoanMark mark) {
        List<FeeType> refunded = ItemStatusPolicies.refundedOnReturn(settings);
        for (Long feeId : java.util.Arrays.asList(mark.replacementFeeId(), mark.processingFeeId())) {
            Optional<Fee> fee = feeId == null ? Optional.empty() : tx.store().fees().byId(feeId);
            if (fee.isEmpty() || !refunded.contains(fee.get().type())) {
                continue;
            }
            Fee f = fee.get();
            BigDecimal open = f.remaining();
            BigDecimal paid = f.amount().amount().subtract(open);
            StringBuilder detail = new StringBuilder("fee=" + f.id() + " " + f.type() + " lost item returned (" + settings.lostItemReturn().label() + ")");
            if (open.signum() > 0) {
                tx.store().fees().update(f.withRemaining(BigDecimal.ZERO));
                tx.store().fees().insertCredit(new FeeCredit(0, f.patronId(), CreditType.CANCELLATION, new Money(open, f.amount().currency()),
                        "lost item returned", null, ctx.channel(), ctx.terminal(), tx.now(), List.of(new FeeCredit.Allocation(f.id(), open))));
                detail.append(": cancelled ").append(open.toPlainString());
            }
            if (paid.signum() > 0) {
                tx.store().fees().insertCredit(new FeeCredit(0, f.patronId(), CreditType.REFUND, new Money(paid, f.amount().currency()),
                        "lost item returned", null, ctx.channel(), ctx.terminal(), tx.now(), List.of()));
                detail.append(": refund due ").append(paid.toPlainString());
            }
            tx.log(ctx, EventType.FEE_WAIVED, ctx.library(), f.patronId(), mark.itemId(), detail.toString());
        }
    }

    // ---------------------------------------------------------------- helpers

    private Views.FeeLine bill(EngineTx tx, RequestContext ctx, Patron patron, Item item, Long loanId, FeeType type, Money amount,
                               String description) {
        Fee fee = tx.store().fees().insert(new Fee(0, patron.id(), type, amount, amount.amount(), item.id(), loanId, description, tx.now()));
        tx.log(ctx, EventType.FEE_ASSESSED, ctx.library(), patron.id(), item.id(), "fee=" + fee.id() + " " + type + " " + amount);
        return new Views.FeeLine(fee.id(), type, amount, amount, item.barcode(), description, fee.createdAt());
    }

    /** The patron who last returned the item, from its event log. */
    private static Optional<Patron> lastBorrower(EngineTx tx, Item item) {
        List<CirculationEvent> events = tx.store().events().forItem(item.id(), HISTORY_LIMIT);
        for (int i = events.size() - 1; i >= 0; i--) {
            CirculationEvent e = events.get(i);
            if (e.type() == EventType.CHECKIN && e.patronId() != null) {
                return tx.store().patrons().byId(e.patronId());
            }
        }
        return Optional.empty();
    }

    private Optional<Outcome<CatalogueViews.ItemChanged>> checkAmount(Money amount) {
        if (amount.amount().signum() <= 0 || amount.amount().compareTo(MAX_FEE) > 0) {
            return Optional.of(Outcome.refused(RefusalReason.INVALID_AMOUNT, "The repair fee must be above 0 and at most " + MAX_FEE));
        }
        if (!amount.currency().equals(engine.settings().currency())) {
            return Optional.of(Outcome.refused(RefusalReason.CURRENCY_MISMATCH, "The repair fee must be in "
                    + engine.settings().currency().getCurrencyCode()));
        }
        return Optional.empty();
    }

    private static <T> T or(T given, T existing) {
        return given == null ? existing : given;
    }

    private static String title(EngineTx tx, Item item) {
        return tx.store().bibs().headingById(item.bibId()).map(org.stackbridge.core.model.BibRecord::title).orElse(item.barcode());
    }
}
