package org.stackbridge.core.ill;

import java.util.Optional;
import org.stackbridge.core.command.Commands.CheckIn;
import org.stackbridge.core.command.Commands.CheckOut;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllTransitions.Trigger;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.CommandHandler;

/**
 * Check-out and check-in of ILL items go through the normal circulation commands; these wrappers move the
 * request in the same transaction (and refuse a check-out the request's state forbids).
 */
final class IllCirculationHooks extends IllDesk {

    IllCirculationHooks(CirculationEngine engine) {
        super(engine);
    }

    void registerOn(CirculationEngine engine) {
        engine.decorate(CheckOut.class, this::afterCheckOut);
        engine.decorate(CheckIn.class, this::afterCheckIn);
    }

    // ---------------------------------------------------------------- check-out / check-in follow-up

    private CommandHandler<CheckOut, Views.CheckedOut> afterCheckOut(CommandHandler<CheckOut, Views.CheckedOut> checkOut) {
        return (cmd, tx) -> {
            RequestContext ctx = cmd.context();
            StoreTx s = tx.store();
            Optional<Item> item = engine.findItem(tx, ctx, cmd.itemBarcode());
            IllRequest r = null;
            if (item.isPresent() && item.get().isIllTemporary()) {
                r = s.ill().byId(item.get().illRequestId()).orElse(null);
            } else if (item.isPresent()) {
                Optional<Patron> patron = engine.findPatron(tx, ctx, cmd.patronBarcode());
                if (patron.isPresent()) {
                    Item it = item.get();
                    r = s.holds().openForPatron(patron.get().id()).stream()
                            .filter(h -> h.illRequestId() != null && h.bibId() == it.bibId() && h.acceptsItem(it.id()))
                            .findFirst().flatMap(h -> s.ill().byId(h.illRequestId()))
                            .filter(x -> x.role() == IllRole.LENDING).orElse(null);
                }
            }
            if (r == null) {
                return checkOut.handle(cmd, tx);
            }
            IllState to = r.role() == IllRole.BORROWING ? IllState.CHECKED_OUT_TO_PATRON : IllState.CHECKED_OUT_TO_PARTNER;
            boolean moves = r.state() != to;
            if (moves && !IllTransitions.allowed(r.role(), r.state(), to, Trigger.CHECKOUT)) {
                return refuseTransition(r, to, Trigger.CHECKOUT);
            }
            Outcome<Views.CheckedOut> out = checkOut.handle(cmd, tx);
            if (moves && out instanceof Outcome.Success<Views.CheckedOut> ok && !ok.result().renewal()) {
                IllRequest current = s.ill().byId(r.id()).orElseThrow();
                move(tx, ctx, current.withItem(item.get().id()), to, "due " + ok.result().dueAt());
            }
            return out;
        };
    }

    private CommandHandler<CheckIn, Views.CheckedIn> afterCheckIn(CommandHandler<CheckIn, Views.CheckedIn> checkIn) {
        return (cmd, tx) -> {
            RequestContext ctx = cmd.context();
            StoreTx s = tx.store();
            Optional<Item> item = engine.findItem(tx, ctx, cmd.itemBarcode());
            if (item.isEmpty()) {
                return checkIn.handle(cmd, tx);
            }
            Item it = item.get();
            Optional<Loan> loan = s.loans().openForItem(it.id());
            IllRequest r = null;
            if (it.isIllTemporary()) {
                r = s.ill().byId(it.illRequestId()).orElse(null);
            } else if (loan.isPresent()) {
                long borrower = loan.get().patronId();
                r = s.ill().forItem(it.id(), IllRole.LENDING).stream()
                        .filter(x -> x.patronId() != null && x.patronId() == borrower)
                        .filter(x -> IllTransitions.allowed(IllRole.LENDING, x.state(), IllState.RETURNED_BY_PARTNER, Trigger.CHECKIN))
                        .findFirst().orElse(null);
            }
            Outcome<Views.CheckedIn> out = checkIn.handle(cmd, tx);
            if (r == null || !out.isSuccess()) {
                return out;
            }
            if (r.role() == IllRole.BORROWING) {
                if (IllTransitions.allowed(IllRole.BORROWING, r.state(), IllState.RETURNED_BY_PATRON, Trigger.CHECKIN)) {
                    boolean collected = r.state() != IllState.RECEIVED;
                    if (!collected) {
                        releaseBorrowingHold(tx, ctx, s.items().byId(it.id()).orElseThrow());
                    }
                    move(tx, ctx, r, IllState.RETURNED_BY_PATRON, collected ? null : "never collected");
                }
                // later states: a repeated check-in changes nothing
            } else {
                IllRequest back = move(tx, ctx, r, IllState.RETURNED_BY_PARTNER, null);
                move(tx, ctx, back, IllState.COMPLETE, null);
            }
            return out;
        };
    }

}
