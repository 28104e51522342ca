package org.stackbridge.core.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.stackbridge.core.command.Commands.CancelHold;
import org.stackbridge.core.command.Commands.ChangeHold;
import org.stackbridge.core.command.Commands.PlaceHold;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.EligibilityPolicies;
import org.stackbridge.core.policy.HoldCase;
import org.stackbridge.core.policy.HoldSuspensionPolicy;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.policy.Refusal;
import org.stackbridge.core.port.StoreTx;

/** The holds desk: placing, changing, cancelling and expiring holds. */
final class HoldsDesk extends Desk {

    HoldsDesk(EngineSettings settings, Supplier<PolicyTable> policies) {
        super(settings, policies);
    }

    void registerOn(CirculationEngine engine) {
        engine.register(PlaceHold.class, this::placeHold);
        engine.register(CancelHold.class, this::cancelHold);
        engine.register(ChangeHold.class, this::changeHold);
        engine.register(Commands.ExpireHolds.class, this::expireHolds);
        engine.register(Commands.SuspendHold.class, this::suspendHold);
        engine.register(Commands.ResumeHold.class, this::resumeHold);
        engine.register(Commands.CancelHoldById.class, this::cancelHoldById);
        engine.register(Commands.LookupHold.class, (cmd, tx) -> visibleHold(tx, cmd.context(), cmd.holdId())
                .map(h -> holdView(tx, h)));
        engine.register(Commands.ListHolds.class, this::listHolds);
    }

    // ---------------------------------------------------------------- holds

    private Outcome<Views.HoldPlaced> placeHold(PlaceHold cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> maybePatron = findPatron(tx, ctx, cmd.patronBarcode());
        if (maybePatron.isEmpty()) {
            return unknownPatron(tx, cmd.patronBarcode());
        }
        Patron patron = maybePatron.get();
        Optional<Target> maybeTarget = target(tx, ctx, cmd.itemBarcode(), cmd.bibControlNumber());
        if (maybeTarget.isEmpty()) {
            return Outcome.refused(cmd.itemBarcode() != null ? RefusalReason.UNKNOWN_ITEM : RefusalReason.INVALID_REQUEST,
                    cmd.itemBarcode() != null ? "Unknown item" : "Unknown title");
        }
        Target target = maybeTarget.get();
        String pickupCode = cmd.pickupLibrary() == null || cmd.pickupLibrary().isBlank() ? patron.homeLibrary() : cmd.pickupLibrary();
        Optional<Library> pickup = pickupLibrary(tx, ctx, pickupCode);
        if (pickup.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown pickup library " + pickupCode);
        }
        if (cmd.expiresOn() != null && cmd.expiresOn().isBefore(tx.today(pickup.get()))) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Hold expiry " + cmd.expiresOn() + " is in the past");
        }
        Instant at = tx.effectiveTime(ctx);
        String itemType = target.item != null ? target.item.itemType()
                : tx.store().items().byBib(target.bib.id()).stream().map(Item::itemType).findFirst().orElse(null);
        boolean duplicate = tx.store().holds().openForPatron(patron.id()).stream().anyMatch(h -> h.bibId() == target.bib.id());
        HoldCase request = new HoldCase(standing(tx, patron, at, Optional.empty()),
                rule(pickup.get().code(), patron.category(), itemType), duplicate);
        Optional<Refusal> refused = (cmd.illLending() ? EligibilityPolicies.ILL_LEND : EligibilityPolicies.PLACE_HOLD).firstRefusal(request);
        if (refused.isPresent()) {
            return refused.get().outcome();
        }
        Hold hold = tx.store().holds().insert(new Hold(0, patron.id(), target.bib.id(), target.item == null ? null : target.item.id(),
                pickup.get().code(), at, cmd.expiresOn(), HoldStatus.WAITING, null, null, null));
        int position = queuePosition(tx, hold);
        tx.log(ctx, EventType.HOLD_PLACED, pickup.get().code(), patron.id(), target.item == null ? null : target.item.id(),
                "hold=" + hold.id() + " bib=" + target.bib.controlNumber());
        return Outcome.success(new Views.HoldPlaced(hold.id(), patronView(tx, patron), target.bib.controlNumber(), target.bib.title(),
                target.item == null ? null : target.item.barcode(), pickup.get().code(), position, hold.expiresOn(), false));
    }

    private Outcome<Views.HoldCancelled> cancelHold(CancelHold cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Outcome<PatronHold> found = patronHold(tx, ctx, cmd.patronBarcode(), cmd.itemBarcode(), cmd.bibControlNumber(), cmd.holdId());
        if (!(found instanceof Outcome.Success<PatronHold> ok)) {
            return found.map(none -> null);
        }
        Patron patron = ok.result().patron();
        Hold h = ok.result().hold();
        cancel(tx, ctx, h, null);
        BibRecord bib = tx.store().bibs().byId(h.bibId()).orElseThrow();
        return Outcome.success(new Views.HoldCancelled(h.id(), patronView(tx, patron), bib.controlNumber(),
                cmd.itemBarcode()));
    }

    /** Cancels an open hold, releasing a trapped item to its home shelf or on its way there. */
    private void cancel(EngineTx tx, RequestContext ctx, Hold h, String reason) {
        StoreTx s = tx.store();
        s.holds().update(h.withStatus(HoldStatus.CANCELLED));
        if (h.trappedItemId() != null) {
            // The trapped item is released: back to its home shelf, or on its way there.
            Item item = s.items().byId(h.trappedItemId()).orElseThrow();
            if (item.status() == ItemStatus.ON_HOLD_SHELF || item.status() == ItemStatus.IN_TRANSIT) {
                s.items().update(item.currentLibrary().equals(item.homeLibrary()) && item.status() == ItemStatus.ON_HOLD_SHELF
                        ? item.withStatus(ItemStatus.AVAILABLE) : item.inTransit(item.homeLibrary()));
            }
        }
        tx.log(ctx, EventType.HOLD_CANCELLED, h.pickupLibrary(), h.patronId(), h.itemId(), "hold=" + h.id()
                + (reason == null ? "" : " " + h.status() + "->" + HoldStatus.CANCELLED + " reason=" + reason.replace('\n', ' ')));
    }

    private Outcome<Views.HoldPlaced> changeHold(ChangeHold cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Outcome<PatronHold> found = patronHold(tx, ctx, cmd.patronBarcode(), cmd.itemBarcode(), cmd.bibControlNumber());
        if (!(found instanceof Outcome.Success<PatronHold> ok)) {
            return found.map(none -> null);
        }
        Patron patron = ok.result().patron();
        Hold h = ok.result().hold();
        String newPickup = blankToNull(cmd.pickupLibrary());
        if (newPickup != null && pickupLibrary(tx, ctx, newPickup).isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown pickup library " + newPickup);
        }
        if (h.status() != HoldStatus.WAITING && newPickup != null && !newPickup.equals(h.pickupLibrary())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Pickup library cannot change once the hold is trapped");
        }
        if (cmd.expiresOn() != null && cmd.expiresOn().isBefore(tx.today(library(tx, newPickup == null ? h.pickupLibrary() : newPickup)))) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Hold expiry " + cmd.expiresOn() + " is in the past");
        }
        Hold changed = h.changed(newPickup, cmd.expiresOn());
        tx.store().holds().update(changed);
        BibRecord bib = tx.store().bibs().byId(h.bibId()).orElseThrow();
        tx.log(ctx, EventType.HOLD_CHANGED, changed.pickupLibrary(), patron.id(), h.itemId(), "hold=" + h.id());
        Item item = h.itemId() == null ? null : tx.store().items().byId(h.itemId()).orElse(null);
        return Outcome.success(new Views.HoldPlaced(h.id(), patronView(tx, patron), bib.controlNumber(), bib.title(),
                item == null ? null : item.barcode(), changed.pickupLibrary(), queuePosition(tx, changed), changed.expiresOn(),
                changed.status() == HoldStatus.READY));
    }

    /** A pickup library must exist and belong to the caller's institution. */
    private Optional<Library> pickupLibrary(EngineTx tx, RequestContext ctx, String code) {
        return tx.store().libraries().find(code)
                .filter(l -> ctx.institution() == null || l.institution().equals(ctx.institution()));
    }

    /** A patron and their open hold on a title. */
    private record PatronHold(Patron patron, Hold hold) {
    }

    /** The patron and their open hold on the title named by item or bibliographic number, or why there is none. */
    private Outcome<PatronHold> patronHold(EngineTx tx, RequestContext ctx, String patronBarcode, String itemBarcode, String bibNumber) {
        return patronHold(tx, ctx, patronBarcode, itemBarcode, bibNumber, null);
    }

    private Outcome<PatronHold> patronHold(EngineTx tx, RequestContext ctx, String patronBarcode, String itemBarcode, String bibNumber,
                                           Long holdId) {
        Optional<Patron> patron = findPatron(tx, ctx, patronBarcode);
        if (patron.isEmpty()) {
            return unknownPatron(tx, patronBarcode);
        }
        return target(tx, ctx, itemBarcode, bibNumber)
                .flatMap(target -> tx.store().holds().openForPatron(patron.get().id()).stream().filter(h -> h.bibId() == target.bib.id()
                        && (holdId == null || h.id() == holdId)).findFirst())
                .<Outcome<PatronHold>>map(h -> Outcome.success(new PatronHold(patron.get(), h)))
                .orElseGet(() -> Outcome.refused(RefusalReason.UNKNOWN_HOLD, "No such hold"));
    }

    private record Target(BibRecord bib, Item item) {
    }

    private Optional<Target> target(EngineTx tx, RequestContext ctx, String itemBarcode, String bibNumber) {
        if (itemBarcode != null && !itemBarcode.isBlank()) {
            return findItem(tx, ctx, itemBarcode).map(i -> new Target(tx.store().bibs().byId(i.bibId()).orElseThrow(), i));
        }
        if (bibNumber != null && !bibNumber.isBlank()) {
            return tx.store().bibs().byReference(bibNumber).map(b -> new Target(b, null));
        }
        return Optional.empty();
    }


    /**
     * The expiry job's page. A ready hold past its shelf date expires; its item stays on the hold shelf
     * until staff check it in, which sends it to the next hold or home (Evergreen's shelf-expired holds).
     * A waiting hold past its not-needed-after date expires. Holds in transit are left to their checkin.
     */
    private Outcome<Views.HoldsExpired> expireHolds(Commands.ExpireHolds cmd, EngineTx tx) {
        StoreTx s = tx.store();
        int limit = cmd.limit() <= 0 ? 500 : Math.min(cmd.limit(), 5_000);
        List<Hold> page = s.holds().openPage(Math.max(0, cmd.afterId()), limit);
        int expired = 0;
        for (Hold h : page) {
            if (shelfExpired(tx, h)) {
                s.holds().update(h.withStatus(HoldStatus.EXPIRED));
                tx.log(cmd.context(), EventType.HOLD_CANCELLED, h.pickupLibrary(), h.patronId(), h.trappedItemId(),
                        "hold=" + h.id() + " shelf expired " + h.shelfExpiresOn());
                expired++;
            } else if (h.status() == HoldStatus.WAITING && !notExpired(tx, h)) {
                s.holds().update(h.withStatus(HoldStatus.EXPIRED));
                tx.log(cmd.context(), EventType.HOLD_CANCELLED, h.pickupLibrary(), h.patronId(), null,
                        "hold=" + h.id() + " expired " + h.expiresOn());
                expired++;
            }
        }
        long last = page.isEmpty() ? cmd.afterId() : page.get(page.size() - 1).id();
        return Outcome.success(new Views.HoldsExpired(page.size(), expired, last, page.size() < limit));
    }


    // ---------------------------------------------------------------- the staff holds desk: by id, suspension, lists

    /** A hold by id whose patron the caller can see (a library-scoped caller sees its institution's patrons only). */
    private Outcome<Hold> visibleHold(EngineTx tx, RequestContext ctx, long holdId) {
        return tx.store().holds().byId(holdId)
                .filter(h -> tx.store().patrons().byId(h.patronId()).map(p -> inInstitution(tx, ctx, p.homeLibrary())).orElse(false))
                .<Outcome<Hold>>map(Outcome::success)
                .orElseGet(() -> Outcome.refused(RefusalReason.UNKNOWN_HOLD, "No hold " + holdId));
    }

    /** The open hold by id, or why there is none (unknown, or already filled, cancelled or expired). */
    private Outcome<Hold> openHold(EngineTx tx, RequestContext ctx, long holdId) {
        Outcome<Hold> found = visibleHold(tx, ctx, holdId);
        if (found instanceof Outcome.Success<Hold> ok && !ok.result().status().isOpen()) {
            return Outcome.refused(RefusalReason.INVALID_TRANSITION, "Hold " + holdId + " is already " + ok.result().status());
        }
        return found;
    }

    private Outcome<Views.HoldView> cancelHoldById(Commands.CancelHoldById cmd, EngineTx tx) {
        Outcome<Hold> found = openHold(tx, cmd.context(), cmd.holdId());
        if (!(found instanceof Outcome.Success<Hold> ok)) {
            return found.map(none -> null);
        }
        String reason = blankToNull(cmd.reason());
        cancel(tx, cmd.context(), ok.result(), reason == null ? "none given" : reason);
        return Outcome.success(holdView(tx, tx.store().holds().byId(cmd.holdId()).orElseThrow()));
    }

    private Outcome<Views.HoldView> suspendHold(Commands.SuspendHold cmd, EngineTx tx) {
        Outcome<Hold> found = openHold(tx, cmd.context(), cmd.holdId());
        if (!(found instanceof Outcome.Success<Hold> ok)) {
            return found.map(none -> null);
        }
        Hold h = ok.result();
        Optional<Refusal> refused = HoldSuspensionPolicy.maySuspend(h, cmd.until(), tx.today(library(tx, h.pickupLibrary())));
        if (refused.isPresent()) {
            return refused.get().outcome();
        }
        Hold suspended = h.suspend(cmd.until());
        tx.store().holds().update(suspended);
        tx.log(cmd.context(), EventType.HOLD_CHANGED, h.pickupLibrary(), h.patronId(), h.itemId(), "hold=" + h.id() + " suspended "
                + suspension(h) + "->" + suspension(suspended));
        return Outcome.success(holdView(tx, suspended));
    }

    private Outcome<Views.HoldView> resumeHold(Commands.ResumeHold cmd, EngineTx tx) {
        Outcome<Hold> found = openHold(tx, cmd.context(), cmd.holdId());
        if (!(found instanceof Outcome.Success<Hold> ok)) {
            return found.map(none -> null);
        }
        Hold h = ok.result();
        if (!h.suspended()) {
            return Outcome.success(holdView(tx, h)); // resuming an active hold changes nothing
        }
        Hold resumed = h.resumed();
        tx.store().holds().update(resumed);
        tx.log(cmd.context(), EventType.HOLD_CHANGED, h.pickupLibrary(), h.patronId(), h.itemId(), "hold=" + h.id() + " suspended "
                + suspension(h) + "->" + suspension(resumed));
        return Outcome.success(holdView(tx, resumed));
    }

    private static String suspension(Hold h) {
        return !h.suspended() ? "no" : h.suspendedUntil() == null ? "indefinitely" : "until " + h.suspendedUntil();
    }

    private Outcome<List<Views.HoldView>> listHolds(Commands.ListHolds cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        if (cmd.patronBarcode() != null) {
            Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
            if (patron.isEmpty()) {
                return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron " + cmd.patronBarcode());
            }
            return Outcome.success(tx.store().holds().openForPatron(patron.get().id()).stream().map(h -> holdView(tx, h)).toList());
        }
        Optional<BibRecord> bib = cmd.bibControlNumber() == null ? Optional.empty() : tx.store().bibs().byReference(cmd.bibControlNumber());
        if (bib.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown title " + cmd.bibControlNumber());
        }
        // the queue is the title's; a library-scoped caller sees the places of every patron but the names of its own only
        return Outcome.success(tx.store().holds().openForBib(bib.get().id()).stream().map(h -> {
            Views.HoldView v = holdView(tx, h);
            boolean visible = tx.store().patrons().byId(h.patronId()).map(p -> inInstitution(tx, ctx, p.homeLibrary())).orElse(false);
            return visible ? v : new Views.HoldView(v.holdId(), null, null, v.bibControlNumber(), v.title(), v.itemBarcode(),
                    v.trappedItemBarcode(), v.pickupLibrary(), v.status(), v.queuePosition(), v.placedAt(), v.expiresOn(), v.suspended(),
                    v.suspendedUntil(), v.shelfExpiresOn());
        }).toList());
    }

    Views.HoldView holdView(EngineTx tx, Hold h) {
        StoreTx s = tx.store();
        Optional<Patron> patron = s.patrons().byId(h.patronId());
        Optional<BibRecord> bib = s.bibs().headingById(h.bibId());
        String item = h.itemId() == null ? null : s.items().byId(h.itemId()).map(Item::barcode).orElse(null);
        String trapped = h.trappedItemId() == null ? null : s.items().byId(h.trappedItemId()).map(Item::barcode).orElse(null);
        return new Views.HoldView(h.id(), patron.map(Patron::barcode).orElse(null), patron.map(Patron::name).orElse(null),
                bib.map(BibRecord::controlNumber).orElse(null), bib.map(BibRecord::title).orElse(""), item, trapped, h.pickupLibrary(),
                h.status(), h.status().isOpen() ? queuePosition(tx, h) : 0, h.placedAt(), h.expiresOn(), h.suspended(), h.suspendedUntil(),
                h.shelfExpiresOn());
    }
}
