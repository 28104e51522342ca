package org.stackbridge.core.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.stackbridge.core.command.Commands.CheckOut;
import org.stackbridge.core.command.Commands.Renew;
import org.stackbridge.core.command.Commands.RenewAll;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.CheckoutOverrides;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.DueDates;
import org.stackbridge.core.policy.EligibilityPolicies;
import org.stackbridge.core.policy.Fines;
import org.stackbridge.core.policy.PatronStanding;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.policy.Refusal;
import org.stackbridge.core.policy.RenewalCase;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.security.PinVerifier;

/** The lending desk: check-out and renewals. */
final class LendingDesk extends Desk {

    private final ReturnsDesk returns;
    private final PinVerifier pins;

    LendingDesk(EngineSettings settings, Supplier<PolicyTable> policies, ReturnsDesk returns, PinVerifier pins) {
        super(settings, policies);
        this.returns = returns;
        this.pins = pins;
    }

    void registerOn(CirculationEngine engine) {
        engine.register(CheckOut.class, this::checkOut);
        engine.register(Renew.class, this::renew);
        engine.register(RenewAll.class, this::renewAll);
    }

    // ---------------------------------------------------------------- checkout

    private Outcome<Views.CheckedOut> checkOut(CheckOut cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        // The item is looked up first so that a refusal for the patron still names a known item (a kiosk shows its title).
        Optional<Item> maybeItem = findItem(tx, ctx, cmd.itemBarcode());
        Optional<Patron> maybePatron = findPatron(tx, ctx, cmd.patronBarcode());
        if (maybePatron.isEmpty()) {
            return maybeItem.isPresent()
                    ? unknownPatron(tx, cmd.patronBarcode(), itemInfo(tx, maybeItem.get()))
                    : unknownPatron(tx, cmd.patronBarcode());
        }
        Patron patron = maybePatron.get();
        if (maybeItem.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        Item found = maybeItem.get();
        Instant at = tx.effectiveTime(ctx);
        boolean offline = cmd.noBlock();
        if (cmd.override() != null && (cmd.override().reason() == null || cmd.override().reason().isBlank())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "An override needs a reason");
        }
        // Refusals a desk override let through, recorded with the loan.
        List<Refusal> overridden = new ArrayList<>();
        if (!offline) {
            Optional<Refusal> pin = checkPin(cmd.pin(), cmd.pinRequired(), patron);
            if (pin.isPresent()) {
                return pin.get().outcome(itemInfo(tx, found));
            }
        }
        StoreTx s = tx.store();
        Optional<Loan> current = s.loans().openForItem(found.id());
        if (current.isPresent() && current.get().patronId() == patron.id()) {
            Outcome<Views.Renewed> renewed = renewLoan(tx, ctx, patron, found, current.get(), offline);
            return renewed.map(r -> new Views.CheckedOut(r.item(), r.patron(), r.dueAt(), true, r.renewals(),
                    Money.zero(settings.currency()), offline));
        }
        if (current.isPresent() && !offline) {
            return Outcome.refused(RefusalReason.ITEM_CHECKED_OUT_TO_OTHER, "Item is checked out to another patron", itemInfo(tx, found));
        }
        Library library = circulationLibrary(tx, ctx, found);
        Optional<CirculationRule> maybeRule = rule(library.code(), patron.category(), found.itemType());
        if (maybeRule.isEmpty()) {
            return Outcome.refused(RefusalReason.NO_POLICY, "No circulation rule applies", itemInfo(tx, found));
        }
        CirculationRule rule = maybeRule.get();
        if (current.isPresent()) {
            // Offline transactions must be accepted: return the earlier loan as of this time first.
            // (Decided only after the last possible refusal: a refusal must leave storage untouched.)
            returns.closeLoan(tx, ctx, current.get(), found, at);
        }
        // Only closing an earlier loan writes the item; otherwise the row read above is current.
        final Item item = current.isPresent() ? s.items().byId(found.id()).orElseThrow() : found;
        Optional<Hold> ownHold = Optional.empty();
        if (!offline) {
            if (!rule.circulates()) {
                Refusal notForLoan = new Refusal(RefusalReason.ITEM_NOT_CIRCULATING, "Item does not circulate");
                if (!overrides(cmd, notForLoan, overridden)) {
                    return notForLoan.outcome(itemInfo(tx, item));
                }
            }
            if (!item.status().circulates()) {
                return Outcome.refused(RefusalReason.ITEM_NOT_AVAILABLE, "Item is " + describe(item.status()), itemInfo(tx, item));
            }
            PatronStanding standing = standing(tx, patron, at, maybeRule);
            List<Refusal> blocked = cmd.override() == null ? EligibilityPolicies.BORROW.firstRefusal(standing).stream().toList()
                    : EligibilityPolicies.BORROW.refusals(standing);
            for (Refusal refusal : blocked) {
                if (!overrides(cmd, refusal, overridden)) {
                    return refusal.outcome();
                }
            }
            Refusal heldForOther = new Refusal(RefusalReason.ITEM_ON_HOLD_FOR_OTHER, "Item is on hold for another patron");
            // An item set aside for another patron is theirs, wherever their hold sits in the queue.
            Optional<Hold> trappedFor = s.holds().openTrappingItem(item.id()).filter(h -> !shelfExpired(tx, h));
            if (trappedFor.isPresent() && trappedFor.get().patronId() != patron.id() && !overrides(cmd, heldForOther, overridden)) {
                return heldForOther.outcome(itemInfo(tx, item));
            }
            Optional<Hold> head = firstHoldFor(tx, item);
            if (head.isPresent() && head.get().patronId() != patron.id()) {
                Optional<Hold> mine = s.holds().openForPatron(patron.id()).stream()
                        .filter(h -> h.bibId() == item.bibId() && h.acceptsItem(item.id())
                                && (h.status() == HoldStatus.WAITING || item.id() == nz(h.trappedItemId())))
                        .findFirst();
                boolean trappedForOther = head.get().trappedItemId() != null && head.get().trappedItemId() == item.id();
                if ((trappedForOther || mine.isEmpty()) && !overridden.contains(heldForOther) && !overrides(cmd, heldForOther, overridden)) {
                    return heldForOther.outcome(itemInfo(tx, item));
                }
            }
        }
        ownHold = s.holds().openForPatron(patron.id()).stream()
                .filter(h -> h.bibId() == item.bibId() && h.acceptsItem(item.id())
                        && (h.trappedItemId() == null || h.trappedItemId() == item.id()))
                .min(Comparator.comparing((Hold h) -> h.trappedItemId() == null ? 1 : 0));
        Instant due = DueDates.loanDue(at, rule.circulates() ? rule : withMinimalLoan(rule), library);
        Loan loan = s.loans().insert(new Loan(0, item.id(), patron.id(), library.code(), at, due, null, 0, ctx.channel(), ctx.terminal()));
        Item lent = new Item(item.id(), item.barcode(), item.bibId(), item.itemType(), item.homeLibrary(), library.code(),
                item.location(), item.callNumber(), item.price(), ItemStatus.CHECKED_OUT, null, item.illRequestId());
        s.items().update(lent);
        ownHold.ifPresent(h -> s.holds().update(h.withStatus(HoldStatus.FILLED)));
        // An offline loan may take an item trapped for someone else: their hold goes back to the queue.
        // A hold whose shelf time ran out simply expires.
        s.holds().openTrappingItem(item.id()).filter(h -> h.patronId() != patron.id())
                .ifPresent(h -> s.holds().update(shelfExpired(tx, h) ? h.withStatus(HoldStatus.EXPIRED) : h.untrapped()));
        tx.log(ctx, EventType.CHECKOUT, library.code(), patron.id(), item.id(),
                "loan=" + loan.id() + " due=" + due + (offline ? " offline" : ""));
        if (!overridden.isEmpty()) {
            tx.log(ctx, EventType.CHECKOUT_OVERRIDE, library.code(), patron.id(), item.id(), "loan=" + loan.id() + " overridden="
                    + overridden.stream().map(r -> r.reason() + " (" + r.text() + ")").collect(java.util.stream.Collectors.joining("; "))
                    + " reason=" + cmd.override().reason().strip());
        }
        // The open loan of the item is the one just inserted, and its borrower is this patron.
        return Outcome.success(new Views.CheckedOut(itemInfo(tx, lent, Optional.of(loan), patron.barcode()), patronView(tx, patron), due, false, 0,
                Money.zero(settings.currency()), offline));
    }

    /**
     * Whether a desk override lets this refusal through ({@link CheckoutOverrides}); if so it is noted in
     * {@code overridden}, for the event log.
     */
    private static boolean overrides(CheckOut cmd, Refusal refusal, List<Refusal> overridden) {
        if (cmd.override() == null || !CheckoutOverrides.overridable(refusal.reason())) {
            return false;
        }
        overridden.add(refusal);
        return true;
    }

    private static CirculationRule withMinimalLoan(CirculationRule r) {
        // Offline loans of non-circulating types still need a due date: one day.
        return new CirculationRule(r.library(), r.category(), r.itemType(), 1, r.loanUnit(), r.renewalsAllowed(),
                r.renewalPeriod(), r.maxLoans(), r.finePerDay(), r.graceDays(), r.fineCap(), r.holdsAllowed(),
                r.holdShelfDays(), r.closedDays(), r.source(), r.overdueNoticeDays());
    }

    private Optional<Refusal> checkPin(String pin, boolean required, Patron patron) {
        if (pin == null || pin.isEmpty()) {
            return required ? Optional.of(new Refusal(RefusalReason.PIN_REQUIRED, "PIN required")) : Optional.empty();
        }
        return switch (pins.verify(patron.id(), patron.barcode(), patron.pinHash(), pin)) {
            case VALID -> Optional.empty();
            case INVALID -> Optional.of(new Refusal(RefusalReason.INVALID_PIN, "Invalid PIN"));
            case LOCKED -> Optional.of(new Refusal(RefusalReason.PIN_LOCKED, "Too many PIN attempts; try again later"));
        };
    }

    // ---------------------------------------------------------------- renewals

    /** The patron named by barcode, checked against the PIN when one is given; or why not. */
    private Outcome<Patron> borrower(EngineTx tx, RequestContext ctx, String barcode, String pin) {
        Optional<Patron> patron = findPatron(tx, ctx, barcode);
        if (patron.isEmpty()) {
            return unknownPatron(tx, barcode);
        }
        return checkPin(pin, false, patron.get()).<Outcome<Patron>>map(Refusal::outcome).orElseGet(() -> Outcome.success(patron.get()));
    }

    private Outcome<Views.Renewed> renew(Renew cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Outcome<Patron> found = borrower(tx, ctx, cmd.patronBarcode(), cmd.pin());
        if (!(found instanceof Outcome.Success<Patron> who)) {
            return found.map(none -> null);
        }
        Patron patron = who.result();
        Optional<Item> item = findItem(tx, ctx, cmd.itemBarcode());
        if (item.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        Optional<Loan> loan = tx.store().loans().openForItem(item.get().id());
        if (loan.isEmpty() || loan.get().patronId() != patron.id()) {
            return Outcome.refused(RefusalReason.ITEM_NOT_CHECKED_OUT, "Item is not checked out to this patron", itemInfo(tx, item.get()));
        }
        return renewLoan(tx, ctx, patron, item.get(), loan.get(), false);
    }

    private Outcome<Views.RenewedAll> renewAll(RenewAll cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Outcome<Patron> found = borrower(tx, ctx, cmd.patronBarcode(), cmd.pin());
        if (!(found instanceof Outcome.Success<Patron> who)) {
            return found.map(none -> null);
        }
        Patron patron = who.result();
        List<Views.Renewed> ok = new ArrayList<>();
        List<Views.RenewFailure> failed = new ArrayList<>();
        for (Loan loan : tx.store().loans().openForPatron(patron.id())) {
            Item item = tx.store().items().byId(loan.itemId()).orElseThrow();
            Outcome<Views.Renewed> r = renewLoan(tx, ctx, patron, item, loan, false);
            if (r instanceof Outcome.Success<Views.Renewed> s) {
                ok.add(s.result());
            } else {
                Outcome.Refused<Views.Renewed> f = (Outcome.Refused<Views.Renewed>) r;
                failed.add(new Views.RenewFailure(item.barcode(), f.reason(), f.message()));
            }
        }
        return Outcome.success(new Views.RenewedAll(patronView(tx, patron), ok, failed));
    }

    private Outcome<Views.Renewed> renewLoan(EngineTx tx, RequestContext ctx, Patron patron, Item item, Loan loan, boolean force) {
        Instant at = tx.effectiveTime(ctx);
        Library library = library(tx, loan.library());
        Optional<CirculationRule> maybeRule = rule(library.code(), patron.category(), item.itemType());
        if (maybeRule.isEmpty()) {
            return Outcome.refused(RefusalReason.NO_POLICY, "No circulation rule applies", itemInfo(tx, item));
        }
        CirculationRule rule = maybeRule.get();
        if (!force) {
            Optional<Hold> head = firstWaitingHoldFor(tx, item);
            boolean wantedByAnother = head.isPresent() && head.get().patronId() != patron.id();
            RenewalCase renewal = new RenewalCase(standing(tx, patron, at, maybeRule), rule, loan.renewals(), wantedByAnother);
            Optional<Refusal> refused = EligibilityPolicies.RENEW.firstRefusal(renewal);
            if (refused.isPresent()) {
                return refused.get().outcome(itemInfo(tx, item));
            }
        }
        // Fines accrued so far are charged at renewal, as Koha does.
        BigDecimal accrued = Fines.overdueFine(loan.dueAt(), at, rule, library);
        if (accrued.signum() > 0) {
            Money fine = new Money(accrued, settings.currency());
            Fee fee = tx.store().fees().insert(new Fee(0, patron.id(), FeeType.OVERDUE, fine, accrued, item.id(), loan.id(),
                    "Overdue at renewal: " + title(tx, item.bibId()), tx.now()));
            tx.log(ctx, EventType.FEE_ASSESSED, library.code(), patron.id(), item.id(), "fee=" + fee.id() + " overdue " + fine);
        }
        // Renew from now, as Evergreen does, but never shorten the loan.
        Instant due = DueDates.renewalDue(at, rule, library);
        if (due.isBefore(loan.dueAt())) {
            due = loan.dueAt();
        }
        Loan renewed = loan.renewed(due);
        tx.store().loans().update(renewed);
        tx.log(ctx, EventType.RENEW, library.code(), patron.id(), item.id(), "loan=" + loan.id() + " due=" + due + " count=" + renewed.renewals());
        return Outcome.success(new Views.Renewed(itemInfo(tx, item), patronView(tx, patron), due, renewed.renewals()));
    }

}
