package org.stackbridge.core.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;
import org.stackbridge.core.command.Commands.CheckIn;
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
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.Fines;
import org.stackbridge.core.policy.HoldShelfPolicy;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.StoreTx;

/** The returns desk: check-in, closing loans (with their fines) and routing returned items. */
final class ReturnsDesk extends Desk {

    ReturnsDesk(EngineSettings settings, Supplier<PolicyTable> policies) {
        super(settings, policies);
    }

    void registerOn(CirculationEngine engine) {
        engine.register(CheckIn.class, this::checkIn);
    }

    // ---------------------------------------------------------------- checkin

    private Outcome<Views.CheckedIn> checkIn(CheckIn cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Item> maybeItem = findItem(tx, ctx, cmd.itemBarcode());
        if (maybeItem.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        Item item = maybeItem.get();
        StoreTx s = tx.store();
        Instant at = tx.effectiveTime(ctx);
        Library here = circulationLibrary(tx, ctx, item);
        Optional<Loan> loan = s.loans().openForItem(item.id());
        Views.PatronView previous = null;
        Money fine = Money.zero(settings.currency());
        if (loan.isPresent()) {
            Patron borrower = s.patrons().byId(loan.get().patronId()).orElseThrow();
            previous = patronView(tx, borrower);
            // route() writes the item's final state in every branch, so closeLoan need not write it first
            fine = closeLoan(tx, ctx, loan.get(), borrower, item, at, false);
            item = item.withStatus(ItemStatus.AVAILABLE);
        }
        return Outcome.success(route(tx, ctx, item, here, loan.isPresent(), previous, fine, at));
    }

    /** Closes a loan as of {@code at}, assessing any overdue fine; returns the fine. */
    Money closeLoan(EngineTx tx, RequestContext ctx, Loan loan, Item item, Instant at) {
        return closeLoan(tx, ctx, loan, tx.store().patrons().byId(loan.patronId()).orElseThrow(), item, at, true);
    }

    private Money closeLoan(EngineTx tx, RequestContext ctx, Loan loan, Patron borrower, Item item, Instant at, boolean writeItem) {
        StoreTx s = tx.store();
        Library loanLibrary = library(tx, loan.library());
        CirculationRule rule = rule(loanLibrary.code(), borrower.category(), item.itemType()).orElse(null);
        Instant returned = at.isBefore(loan.issuedAt()) ? loan.issuedAt() : at;
        s.loans().update(loan.returned(returned));
        // a loan marked lost or claimed returned stopped accruing fines then
        Instant fineEnd = org.stackbridge.core.policy.ItemStatusPolicies.fineAccrualEnd(s.loanMarks().forLoan(loan.id()), returned);
        BigDecimal amount = rule == null ? BigDecimal.ZERO : Fines.overdueFine(loan.dueAt(), fineEnd, rule, loanLibrary);
        Money fine = new Money(amount, settings.currency());
        if (amount.signum() > 0) {
            Fee fee = s.fees().insert(new Fee(0, borrower.id(), FeeType.OVERDUE, fine, fine.amount(), item.id(), loan.id(),
                    "Overdue: " + title(tx, item.bibId()), tx.now()));
            tx.log(ctx, EventType.FEE_ASSESSED, loanLibrary.code(), borrower.id(), item.id(), "fee=" + fee.id() + " overdue " + fine);
        }
        if (writeItem) {
            s.items().update(item.withStatus(ItemStatus.AVAILABLE));
        }
        tx.log(ctx, EventType.CHECKIN, ctx.library(), borrower.id(), item.id(), "loan=" + loan.id() + " returned=" + returned);
        return fine;
    }

    /** Decides where a returned item goes: a waiting hold, transit home, or back on the shelf. */
    private Views.CheckedIn route(EngineTx tx, RequestContext ctx, Item item, Library here, boolean wasOut,
                                  Views.PatronView previous, Money fine, Instant at) {
        StoreTx s = tx.store();
        Item placed = item.at(here.code());
        // After a return the item has no open loan: any was closed above. Views use the rows just written.
        Item after;
        if (item.isIllTemporary()) {
            after = placed.withStatus(ItemStatus.IN_PROCESS);
            s.items().update(after);
            if (!wasOut) {
                tx.log(ctx, EventType.CHECKIN, here.code(), null, item.id(), "not on loan");
            }
            return new Views.CheckedIn(itemInfo(tx, after, Optional.empty(), null), wasOut, previous, fine, null, Views.ReturnDestination.ILL_RETURN,
                    here.code(), at);
        }
        // An item already trapped for a hold and arriving at its pickup library goes to the shelf.
        Optional<Hold> trapped = s.holds().openTrappingItem(item.id());
        if (trapped.isPresent() && shelfExpired(tx, trapped.get())) {
            // Not collected in time: the hold expires and the item serves the next in the queue.
            s.holds().update(trapped.get().withStatus(HoldStatus.EXPIRED));
            tx.log(ctx, EventType.HOLD_CANCELLED, here.code(), trapped.get().patronId(), item.id(),
                    "hold=" + trapped.get().id() + " shelf expired " + trapped.get().shelfExpiresOn());
            trapped = Optional.empty();
        }
        Hold hold = trapped.orElseGet(() -> firstWaitingHoldFor(tx, item).orElse(null));
        Views.HoldTrap trap = null;
        Views.ReturnDestination dest;
        String destLibrary;
        if (hold != null && item.status() != ItemStatus.WITHDRAWN) {
            Patron holder = s.patrons().byId(hold.patronId()).orElseThrow();
            boolean local = hold.pickupLibrary().equals(here.code());
            Library pickup = library(tx, hold.pickupLibrary());
            if (local) {
                int shelfDays = HoldShelfPolicy.shelfDays(rule(pickup.code(), holder.category(), item.itemType()));
                LocalDate shelfExpiry = openDayOnOrAfter(pickup, tx.today(pickup).plusDays(shelfDays));
                s.holds().update(hold.trapped(item.id(), HoldStatus.READY, shelfExpiry));
                after = placed.withStatus(ItemStatus.ON_HOLD_SHELF);
                s.items().update(after);
                trap = new Views.HoldTrap(hold.id(), pickup.code(), false, holder.barcode(), holder.name(), shelfExpiry);
                dest = Views.ReturnDestination.HOLD_SHELF;
            } else {
                s.holds().update(hold.trapped(item.id(), HoldStatus.IN_TRANSIT, null));
                after = placed.inTransit(pickup.code());
                s.items().update(after);
                trap = new Views.HoldTrap(hold.id(), pickup.code(), true, holder.barcode(), holder.name(), null);
                dest = Views.ReturnDestination.TRANSIT_FOR_HOLD;
            }
            destLibrary = pickup.code();
            tx.log(ctx, EventType.HOLD_TRAPPED, here.code(), holder.id(), item.id(), "hold=" + hold.id() + " pickup=" + pickup.code());
        } else if (!item.homeLibrary().equals(here.code())) {
            after = placed.inTransit(item.homeLibrary());
            s.items().update(after);
            dest = Views.ReturnDestination.TRANSIT_HOME;
            destLibrary = item.homeLibrary();
        } else {
            after = placed.withStatus(ItemStatus.AVAILABLE);
            s.items().update(after);
            dest = Views.ReturnDestination.RESHELVE;
            destLibrary = here.code();
        }
        if (!wasOut) {
            tx.log(ctx, EventType.CHECKIN, here.code(), null, item.id(), "not on loan; " + dest);
        }
        return new Views.CheckedIn(itemInfo(tx, after, Optional.empty(), null), wasOut, previous, fine, trap, dest, destLibrary, at);
    }

    private static LocalDate openDayOnOrAfter(Library library, LocalDate day) {
        LocalDate d = day;
        for (int i = 0; i < 366 && !library.isOpen(d); i++) {
            d = d.plusDays(1);
        }
        return d;
    }

}
