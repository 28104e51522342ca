package org.stackbridge.core.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.stackbridge.core.command.Commands.ListBibItems;
import org.stackbridge.core.command.Commands.LookupItem;
import org.stackbridge.core.command.Commands.LookupPatron;
import org.stackbridge.core.command.Commands.LookupPatronBrief;
import org.stackbridge.core.command.Commands.PatronLines;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views.PinCheck;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.EligibilityPolicies;
import org.stackbridge.core.policy.PatronStanding;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.security.PinVerifier;

/** The views the protocols read: patron information (with its status flags), items, titles. */
final class EngineViews extends Desk {

    private final PinVerifier pins;

    EngineViews(EngineSettings settings, Supplier<PolicyTable> policies, PinVerifier pins) {
        super(settings, policies);
        this.pins = pins;
    }

    void registerOn(CirculationEngine engine) {
        engine.register(LookupPatron.class, this::lookupPatron);
        engine.register(LookupPatronBrief.class, (cmd, tx) -> lookupPatron(cmd.lookup(), tx, cmd.lines()));
        engine.register(LookupItem.class, this::lookupItem);
        engine.register(ListBibItems.class, this::listBibItems);
    }

    // ---------------------------------------------------------------- lookups

    private Outcome<Views.PatronInfo> lookupPatron(LookupPatron cmd, EngineTx tx) {
        return lookupPatron(cmd, tx, PatronLines.FULL);
    }

    private Outcome<Views.PatronInfo> lookupPatron(LookupPatron cmd, EngineTx tx, PatronLines lines) {
        Optional<Patron> p = findPatron(tx, cmd.context(), cmd.patronBarcode());
        if (p.isEmpty()) {
            return unknownPatron(tx, cmd.patronBarcode());
        }
        Patron patron = p.get();
        // A locked PIN is refused unchecked: CQ N even when it is right.
        PinCheck pin = cmd.pin() == null ? PinCheck.NOT_CHECKED
                : pins.verify(patron.id(), patron.barcode(), patron.pinHash(), cmd.pin()) == PinVerifier.Result.VALID
                ? PinCheck.VALID : PinCheck.INVALID;
        return Outcome.success(patronInfo(tx, cmd.context(), patron, pin, lines));
    }

    private Outcome<Views.ItemInfo> lookupItem(LookupItem cmd, EngineTx tx) {
        Optional<Item> item = findItem(tx, cmd.context(), cmd.itemBarcode());
        return item.<Outcome<Views.ItemInfo>>map(i -> Outcome.success(itemInfo(tx, i)))
                .orElseGet(() -> Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item"));
    }

    private Outcome<Views.BibItems> listBibItems(ListBibItems cmd, EngineTx tx) {
        List<Views.ItemInfo> infos = tx.store().items().byBib(cmd.bibId()).stream()
                .sorted(java.util.Comparator.comparingLong(Item::id))
                .map(i -> itemInfo(tx, i)).toList();
        return Outcome.success(new Views.BibItems(cmd.bibId(), infos));
    }


    /** Patron information as seen from the patron's home library (no caller context). */
    Views.PatronInfo patronInfo(EngineTx tx, Patron p, PinCheck pin) {
        return patronInfo(tx, null, p, pin);
    }

    /**
     * Patron information, its status flags computed by the eligibility policies that check-out, renewal and
     * holds ask, at the same instant and with the loan limit of the rule at the caller's library (the patron's
     * home library when the caller names none), as a check-out there would look it up.
     */
    Views.PatronInfo patronInfo(EngineTx tx, RequestContext ctx, Patron p, PinCheck pin) {
        return patronInfo(tx, ctx, p, pin, PatronLines.FULL);
    }

    /** As {@link #patronInfo(EngineTx, RequestContext, Patron, PinCheck)}, reading as much of the lines as {@code lines} says. */
    private Views.PatronInfo patronInfo(EngineTx tx, RequestContext ctx, Patron p, PinCheck pin, PatronLines lines) {
        Instant at = ctx == null ? tx.now() : tx.effectiveTime(ctx);
        List<Views.LoanLine> loans = new ArrayList<>();
        List<Views.HoldLine> holds = new ArrayList<>();
        List<Views.FeeLine> fees = new ArrayList<>();
        if (lines != PatronLines.NONE) {
            lines(tx, p, at, loans, holds, fees, lines == PatronLines.FULL);
        }
        Optional<CirculationRule> rule = rule(viewLibrary(tx, ctx, p), p.category(), null);
        PatronStanding standing = standing(tx, p, at, rule);
        List<Views.BlockLine> blocks = standing.activeBlocks().stream()
                .map(Desk::blockLine).toList();
        Set<PatronFlag> flags = EnumSet.noneOf(PatronFlag.class);
        flags.addAll(EligibilityPolicies.BORROW.flags(standing));
        flags.addAll(EligibilityPolicies.RENEW_PATRON.flags(standing));
        flags.addAll(EligibilityPolicies.REQUEST_PATRON.flags(standing));
        boolean canBorrow = EligibilityPolicies.BORROW.firstRefusal(standing).isEmpty();
        return new Views.PatronInfo(patronView(tx, p), flags, pin, standing.balance(), settings.feeLimitMoney(), loans, holds, fees, blocks,
                standing.maxLoans(), canBorrow, pins.locked(p.id()));
    }

    /**
     * The patron's open loans, holds and fees as lines; with {@code detail}, with their items' barcodes and titles and
     * the holds' queue positions (a read or two per line), else without (null, and 0 for the position).
     */
    private void lines(EngineTx tx, Patron p, Instant at, List<Views.LoanLine> loans, List<Views.HoldLine> holds, List<Views.FeeLine> fees,
                       boolean detail) {
        StoreTx s = tx.store();
        if (!detail) {
            for (Loan l : s.loans().openForPatron(p.id())) {
                loans.add(new Views.LoanLine(null, null, l.issuedAt(), l.dueAt(), l.renewals(), l.isOverdue(at)));
            }
            loans.sort(Comparator.comparing(Views.LoanLine::dueAt));
            for (Hold h : s.holds().openForPatron(p.id())) {
                holds.add(new Views.HoldLine(h.id(), null, null, null, h.pickupLibrary(), h.status(), 0, h.expiresOn(), h.placedAt()));
            }
            for (Fee f : s.fees().openForPatron(p.id())) {
                fees.add(new Views.FeeLine(f.id(), f.type(), f.amount(), f.remainingMoney(), null, f.description(), f.createdAt()));
            }
            return;
        }
        for (Loan l : s.loans().openForPatron(p.id())) {
            Item item = s.items().byId(l.itemId()).orElseThrow();
            loans.add(new Views.LoanLine(item.barcode(), title(tx, item.bibId()), l.issuedAt(), l.dueAt(), l.renewals(), l.isOverdue(at)));
        }
        loans.sort(Comparator.comparing(Views.LoanLine::dueAt));
        for (Hold h : s.holds().openForPatron(p.id())) {
            BibRecord bib = s.bibs().byId(h.bibId()).orElseThrow();
            Long itemId = h.trappedItemId() != null ? h.trappedItemId() : h.itemId();
            String itemBarcode = itemId == null ? null : s.items().byId(itemId).map(Item::barcode).orElse(null);
            holds.add(new Views.HoldLine(h.id(), itemBarcode, bib.controlNumber(), bib.title(), h.pickupLibrary(), h.status(),
                    queuePosition(tx, h), h.expiresOn(), h.placedAt()));
        }
        for (Fee f : s.fees().openForPatron(p.id())) {
            String itemBarcode = f.itemId() == null ? null : s.items().byId(f.itemId()).map(Item::barcode).orElse(null);
            fees.add(new Views.FeeLine(f.id(), f.type(), f.amount(), f.remainingMoney(), itemBarcode, f.description(), f.createdAt()));
        }
    }

    /** The library whose rule a check-out by this caller would use: the caller's library if known, else the patron's home. */
    private static String viewLibrary(EngineTx tx, RequestContext ctx, Patron p) {
        if (ctx != null && ctx.library() != null && tx.store().libraries().find(ctx.library()).isPresent()) {
            return ctx.library();
        }
        return p.homeLibrary();
    }
}
