package org.stackbridge.core.ill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.command.Commands.CancelHold;
import org.stackbridge.core.command.Commands.PlaceHold;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllCommands.Advance;
import org.stackbridge.core.ill.IllCommands.DeleteTemporaryItem;
import org.stackbridge.core.ill.IllCommands.ReceiveItem;
import org.stackbridge.core.ill.IllCommands.RequestBorrowing;
import org.stackbridge.core.ill.IllCommands.RequestLending;
import org.stackbridge.core.ill.IllTransitions.Trigger;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.EligibilityPolicies;
import org.stackbridge.core.policy.HoldShelfPolicy;
import org.stackbridge.core.policy.Refusal;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineTx;

/** The ILL workflow: borrowing, receiving, lending, manual transitions, title look-ups and recalls. */
final class IllWorkflow extends IllDesk {

    IllWorkflow(CirculationEngine engine) {
        super(engine);
    }

    void registerOn(CirculationEngine engine) {
        engine.register(RequestBorrowing.class, this::requestBorrowing);
        engine.register(ReceiveItem.class, this::receiveItem);
        engine.register(DeleteTemporaryItem.class, this::deleteTemporaryItem);
        engine.register(RequestLending.class, this::requestLending);
        engine.register(Advance.class, this::advance);
        engine.register(IllCommands.StartBorrowing.class, this::startBorrowing);
        engine.register(IllCommands.LookupTitle.class, this::lookupTitle);
        engine.register(IllCommands.RecallLoan.class, this::recallLoan);
    }

    /** Default ILL item type and shelf location for temporary items when the caller names none. */
    public static final String DEFAULT_ITEM_TYPE = "ILL";
    public static final String DEFAULT_LOCATION = "ILL hold shelf";

    // ---------------------------------------------------------------- borrowing

    private Outcome<IllViews.IllRequestView> requestBorrowing(RequestBorrowing cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        if (blank(cmd.partnerAgency()) || blank(cmd.externalId())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Partner agency and partner request id are required");
        }
        Optional<IllRequest> existing = tx.store().ill().byExternalId(cmd.partnerAgency(), cmd.externalId(), IllRole.BORROWING);
        if (existing.isPresent()) {
            return Outcome.success(view(tx, existing.get()));
        }
        Optional<Patron> patron = engine.findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        String pickup = blank(cmd.pickupLibrary()) ? patron.get().homeLibrary() : cmd.pickupLibrary();
        if (tx.store().libraries().find(pickup).isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown pickup library " + pickup);
        }
        IllViews.Citation c = cmd.citation() == null ? IllViews.Citation.of("") : cmd.citation();
        IllRequest r = create(tx, ctx, IllRole.BORROWING, cmd.partnerAgency(), cmd.externalId(), patron.get().id(), null, null,
                c.title(), pickup);
        return Outcome.success(view(tx, r));
    }

    /**
     * Staff start a borrowing request: the patron must pass {@code ILL_BORROW} (as receiving the item will ask), the
     * title is a local record or a citation, the pickup library is the patron's home. The request id partners use is
     * made up here ({@code SB-} and 12 random hex digits), unique for the partner.
     */
    private Outcome<IllViews.IllRequestView> startBorrowing(IllCommands.StartBorrowing cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        StoreTx s = tx.store();
        if (blank(cmd.partnerAgency())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Partner agency is required");
        }
        Optional<Patron> patron = engine.findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron " + cmd.patronBarcode());
        }
        BibRecord bib = null;
        if (!blank(cmd.bibControlNumber())) {
            bib = s.bibs().byReference(cmd.bibControlNumber()).orElse(null);
            if (bib == null) {
                return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown title " + cmd.bibControlNumber());
            }
        }
        String title = bib != null ? bib.title() : cmd.citation() == null ? "" : cmd.citation().title();
        if (blank(title)) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "A title or a local record is required");
        }
        Optional<Refusal> refused = EligibilityPolicies.ILL_BORROW.firstRefusal(
                engine.standing(tx, patron.get(), tx.effectiveTime(ctx), Optional.empty()));
        if (refused.isPresent()) {
            return refused.get().outcome();
        }
        String externalId;
        do {
            externalId = "SB-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(java.util.Locale.ROOT);
        } while (s.ill().byExternalId(cmd.partnerAgency(), externalId, IllRole.BORROWING).isPresent());
        String note = blankToNull(cmd.note());
        if (bib == null && cmd.citation() != null) {
            String cited = (blank(cmd.citation().author()) ? "" : "author=" + cmd.citation().author() + " ")
                    + (blank(cmd.citation().isbn()) ? "" : "isbn=" + cmd.citation().isbn());
            note = cited.isBlank() ? note : note == null ? cited.strip() : cited.strip() + "; " + note;
        }
        IllRequest r = create(tx, ctx, IllRole.BORROWING, cmd.partnerAgency(), externalId, patron.get().id(), null,
                bib == null ? null : bib.id(), title, patron.get().homeLibrary(), note);
        return Outcome.success(view(tx, r));
    }

    private Outcome<IllViews.Received> receiveItem(ReceiveItem cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        StoreTx s = tx.store();
        if (blank(cmd.partnerAgency()) || blank(cmd.externalId())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Partner agency and partner request id are required");
        }
        Optional<IllRequest> existing = s.ill().byExternalId(cmd.partnerAgency(), cmd.externalId(), IllRole.BORROWING);
        if (existing.isPresent() && existing.get().itemId() != null) {
            IllRequest r = existing.get();
            if (r.state() == IllState.CANCELLED || r.state() == IllState.UNFILLED || r.state() == IllState.LOST_IN_TRANSIT) {
                return Outcome.refused(RefusalReason.INVALID_TRANSITION, "ILL request " + r.id() + " is " + r.state()
                        + "; its item cannot be received again");
            }
            // A repeat of the receipt: answer as the first time did, create nothing.
            Item item = s.items().byId(r.itemId()).orElseThrow();
            long holdId = s.holds().openTrappingItem(item.id()).map(Hold::id).orElse(0L);
            String cn = s.bibs().byId(item.bibId()).map(BibRecord::controlNumber).orElse(null);
            return Outcome.success(new IllViews.Received(view(tx, r), item.barcode(), holdId, cn, true));
        }
        String patronBarcode = cmd.patronBarcode();
        if (blank(patronBarcode) && existing.isPresent() && existing.get().patronId() != null) {
            patronBarcode = s.patrons().byId(existing.get().patronId()).map(Patron::barcode).orElse(null);
        }
        Optional<Patron> maybePatron = engine.findPatron(tx, ctx, patronBarcode);
        if (maybePatron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Patron patron = maybePatron.get();
        Optional<Refusal> blocked = EligibilityPolicies.ILL_BORROW.firstRefusal(
                engine.standing(tx, patron, tx.effectiveTime(ctx), Optional.empty()));
        if (blocked.isPresent()) {
            return blocked.get().outcome();
        }
        String pickup = firstNonBlank(cmd.pickupLibrary(), existing.map(IllRequest::pickupLibrary).orElse(null), patron.homeLibrary());
        Optional<Library> pickupLibrary = s.libraries().find(pickup);
        if (pickupLibrary.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown pickup library " + pickup);
        }
        if (existing.isPresent() && !IllTransitions.allowed(IllRole.BORROWING, existing.get().state(), IllState.RECEIVED, Trigger.RECEIVE)) {
            return refuseTransition(existing.get(), IllState.RECEIVED, Trigger.RECEIVE);
        }
        if (!blank(cmd.itemBarcode()) && s.items().byBarcode(cmd.itemBarcode()).isPresent()) {
            return Outcome.refused(RefusalReason.DUPLICATE, "Item barcode " + cmd.itemBarcode() + " is already in use");
        }
        IllViews.Citation c = cmd.citation() == null ? IllViews.Citation.of("") : cmd.citation();
        // all checks passed: write
        Instant now = tx.now();
        IllRequest r = existing.orElseGet(() -> create(tx, ctx, IllRole.BORROWING, cmd.partnerAgency(), cmd.externalId(),
                patron.id(), null, null, c.title(), pickup));
        BibRecord bib = Optional.ofNullable(blank(c.controlNumber()) ? null : c.controlNumber())
                .flatMap(cn -> s.bibs().byControlNumber(cn)).orElse(null);
        if (bib == null) {
            String cn = "ILL-" + r.id();
            bib = s.bibs().byControlNumber(cn).orElse(null);
            if (bib == null) {
                bib = s.bibs().insert(new BibRecord(0, cn, blank(c.title()) ? "ILL item " + cmd.externalId() : c.title(),
                        c.author(), c.isbn(), null, null, null));
                tx.log(ctx, EventType.BIB_CREATED, pickup, null, null, "bib=" + bib.id() + " " + cn + " ill=" + r.id());
            }
        }
        String barcode = blank(cmd.itemBarcode()) ? freeBarcode(s, "ILL" + r.id()) : cmd.itemBarcode();
        String itemType = blank(cmd.itemType()) ? DEFAULT_ITEM_TYPE : cmd.itemType();
        Item item = s.items().insert(new Item(0, barcode, bib.id(), itemType, pickup, pickup,
                blank(cmd.location()) ? DEFAULT_LOCATION : cmd.location(), null, null, ItemStatus.ON_HOLD_SHELF, null, r.id()));
        tx.log(ctx, EventType.ITEM_CREATED, pickup, null, item.id(), "temporary ILL item " + barcode + " ill=" + r.id());
        LocalDate shelfExpiry = tx.today(pickupLibrary.get()).plusDays(HoldShelfPolicy.shelfDays(engine.rule(pickup, patron.category(), itemType)));
        Hold hold = s.holds().insert(new Hold(0, patron.id(), bib.id(), item.id(), pickup, now, null, HoldStatus.READY, item.id(),
                shelfExpiry, r.id()));
        tx.log(ctx, EventType.HOLD_PLACED, pickup, patron.id(), item.id(), "hold=" + hold.id() + " bib=" + bib.controlNumber() + " ill=" + r.id());
        tx.log(ctx, EventType.HOLD_TRAPPED, pickup, patron.id(), item.id(), "hold=" + hold.id() + " pickup=" + pickup);
        IllRequest stored = s.ill().byId(r.id()).orElseThrow();
        IllRequest linked = new IllRequest(stored.id(), stored.role(), stored.state(), stored.partnerAgency(), stored.externalId(),
                patron.id(), item.id(), bib.id(), blank(stored.title()) ? bib.title() : stored.title(), pickup, stored.createdAt(), now);
        IllRequest moved = move(tx, ctx, linked, IllState.RECEIVED,
                cmd.dueToLender() == null ? null : "due to lender " + cmd.dueToLender());
        return Outcome.success(new IllViews.Received(view(tx, moved), barcode, hold.id(), bib.controlNumber(), false));
    }

    private Outcome<IllViews.IllRequestView> deleteTemporaryItem(DeleteTemporaryItem cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        StoreTx s = tx.store();
        Optional<Item> maybeItem = engine.findItem(tx, ctx, cmd.itemBarcode());
        if (maybeItem.isEmpty() && cmd.itemBarcode() != null) {
            maybeItem = engine.findItem(tx, ctx, cmd.itemBarcode() + DELETED_MARK); // a repeat of the DeleteItem
        }
        if (maybeItem.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        Item item = maybeItem.get();
        if (!item.isIllTemporary()) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Item " + item.barcode() + " is not a temporary ILL item");
        }
        Optional<IllRequest> maybe = s.ill().byId(item.illRequestId());
        if (maybe.isEmpty()) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "No ILL request for item " + item.barcode());
        }
        IllRequest r = maybe.get();
        if (s.loans().openForItem(item.id()).isPresent()) {
            return Outcome.refused(RefusalReason.INVALID_TRANSITION, "Item " + item.barcode()
                    + " is still checked out to the patron; check it in before deleting it");
        }
        if (r.state() == IllState.COMPLETE || r.state() == IllState.CANCELLED) {
            delete(tx, ctx, item); // a repeat: nothing left to do but make sure the item is gone
            return Outcome.success(view(tx, r));
        }
        if (r.state() != IllState.RETURNED_TO_LENDER
                && !IllTransitions.allowed(IllRole.BORROWING, r.state(), IllState.RETURNED_TO_LENDER, Trigger.DELETE)) {
            return refuseTransition(r, IllState.RETURNED_TO_LENDER, Trigger.DELETE);
        }
        if (r.state() == IllState.RECEIVED) {
            releaseBorrowingHold(tx, ctx, item);
        }
        if (r.state() != IllState.RETURNED_TO_LENDER) {
            r = move(tx, ctx, r, IllState.RETURNED_TO_LENDER, "item deleted");
        }
        r = move(tx, ctx, r, IllState.COMPLETE, "temporary item deleted");
        delete(tx, ctx, s.items().byId(item.id()).orElseThrow());
        return Outcome.success(view(tx, r));
    }

    // ---------------------------------------------------------------- lending

    private Outcome<IllViews.LendingRequested> requestLending(RequestLending cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        StoreTx s = tx.store();
        if (blank(cmd.partnerAgency()) || blank(cmd.externalId())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Partner agency and partner request id are required");
        }
        Optional<IllRequest> existing = s.ill().byExternalId(cmd.partnerAgency(), cmd.externalId(), IllRole.LENDING);
        if (existing.isPresent()) {
            IllRequest r = existing.get();
            Hold hold = lendingHold(tx, r).orElse(null);
            String cn = r.bibId() == null ? null : s.bibs().byId(r.bibId()).map(BibRecord::controlNumber).orElse(null);
            String barcode = r.itemId() == null ? null : s.items().byId(r.itemId()).map(Item::barcode).orElse(null);
            return Outcome.success(new IllViews.LendingRequested(view(tx, r), hold == null ? 0 : hold.id(), cn, barcode, 0, true));
        }
        Optional<Patron> patron = engine.findPatron(tx, ctx, cmd.partnerPatronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown partner patron");
        }
        Outcome<Views.HoldPlaced> placed = engine.handle(new PlaceHold(ctx, cmd.partnerPatronBarcode(), blankToNull(cmd.itemBarcode()),
                blankToNull(cmd.bibControlNumber()), blankToNull(cmd.pickupLibrary()), null, true), tx);
        if (!(placed instanceof Outcome.Success<Views.HoldPlaced> ok)) {
            return placed.map(x -> null);
        }
        Views.HoldPlaced h = ok.result();
        Hold hold = s.holds().byId(h.holdId()).orElseThrow();
        Long itemId = hold.itemId();
        IllRequest r = create(tx, ctx, IllRole.LENDING, cmd.partnerAgency(), cmd.externalId(), patron.get().id(), itemId,
                hold.bibId(), h.title(), h.pickupLibrary());
        s.holds().update(new Hold(hold.id(), hold.patronId(), hold.bibId(), hold.itemId(), hold.pickupLibrary(), hold.placedAt(),
                hold.expiresOn(), hold.status(), hold.trappedItemId(), hold.shelfExpiresOn(), r.id()));
        return Outcome.success(new IllViews.LendingRequested(view(tx, r), h.holdId(), h.bibControlNumber(), h.itemBarcode(),
                h.queuePosition(), false));
    }

    // ---------------------------------------------------------------- manual transitions

    private Outcome<IllViews.IllRequestView> advance(Advance cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<IllRequest> found = resolve(tx, ctx, cmd.ref()).filter(x -> visible(tx, ctx, x));
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ILL_REQUEST, "Unknown " + cmd.ref());
        }
        IllRequest r = found.get();
        if (cmd.target() == null) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Target state is required");
        }
        if (!IllTransitions.allowed(r.role(), r.state(), cmd.target(), Trigger.MANUAL)) {
            return refuseTransition(r, cmd.target(), Trigger.MANUAL);
        }
        StoreTx s = tx.store();
        Item item = r.itemId() == null ? null : s.items().byId(r.itemId()).orElse(null);
        // side effects that may refuse run first, before anything is written
        if (r.role() == IllRole.LENDING && (cmd.target() == IllState.CANCELLED || cmd.target() == IllState.UNFILLED)) {
            Optional<Hold> hold = lendingHold(tx, r);
            if (hold.isPresent()) {
                Patron p = s.patrons().byId(hold.get().patronId()).orElseThrow();
                String cn = s.bibs().byId(hold.get().bibId()).map(BibRecord::controlNumber).orElse(null);
                Outcome<Views.HoldCancelled> c = engine.handle(new CancelHold(ctx, p.barcode(), null, cn, hold.get().id()), tx);
                if (!c.isSuccess()) {
                    return c.map(x -> null);
                }
            }
        }
        if (r.role() == IllRole.BORROWING && item != null) {
            if (cmd.target() == IllState.CANCELLED || cmd.target() == IllState.RETURNED_TO_LENDER) {
                releaseBorrowingHold(tx, ctx, item);
                if (cmd.target() == IllState.CANCELLED) {
                    retire(tx, ctx, s.items().byId(item.id()).orElseThrow());
                }
            } else if (cmd.target() == IllState.COMPLETE) {
                retire(tx, ctx, item);
            } else if (cmd.target() == IllState.LOST_IN_TRANSIT) {
                setStatus(tx, ctx, item, ItemStatus.LOST);
            }
        }
        if (r.role() == IllRole.LENDING && item != null && cmd.target() == IllState.LOST_IN_TRANSIT) {
            setStatus(tx, ctx, item, ItemStatus.LOST);
        }
        IllRequest moved = move(tx, ctx, r, cmd.target(), blankToNull(cmd.note()));
        return Outcome.success(view(tx, moved));
    }


    // ---------------------------------------------------------------- titles and recalls

    private Outcome<IllViews.Holdings> lookupTitle(IllCommands.LookupTitle cmd, EngineTx tx) {
        if (blank(cmd.bibControlNumber())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Bibliographic id is required");
        }
        Optional<BibRecord> bib = tx.store().bibs().byReference(cmd.bibControlNumber());
        if (bib.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown title " + cmd.bibControlNumber());
        }
        int limit = cmd.limit() <= 0 ? 50 : Math.min(cmd.limit(), MAX_LIST);
        List<Views.ItemInfo> items = new ArrayList<>();
        int seen = 0;
        boolean more = false;
        for (Item item : tx.store().items().byBib(bib.get().id())) {
            if (item.status() == ItemStatus.WITHDRAWN || engine.findItem(tx, cmd.context(), item.barcode()).isEmpty()) {
                continue;
            }
            if (seen++ < Math.max(0, cmd.skip())) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(engine.itemInfo(tx, item));
        }
        int queue = tx.store().holds().openForBib(bib.get().id()).size();
        BibRecord b = bib.get();
        return Outcome.success(new IllViews.Holdings(b.controlNumber(), b.title(), b.author(), b.isbn(), queue, items, more));
    }

    private Outcome<IllViews.Recalled> recallLoan(IllCommands.RecallLoan cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Item> item = engine.findItem(tx, ctx, cmd.itemBarcode());
        if (item.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        Optional<Loan> loan = tx.store().loans().openForItem(item.get().id());
        if (loan.isEmpty()) {
            return Outcome.refused(RefusalReason.ITEM_NOT_CHECKED_OUT, "Item is not checked out", engine.itemInfo(tx, item.get()));
        }
        Loan l = loan.get();
        Instant due = tx.now().plus(Duration.ofDays(Math.max(0, cmd.graceDays())));
        if (cmd.desiredDue() != null && cmd.desiredDue().isBefore(due)) {
            due = cmd.desiredDue();
        }
        if (due.isAfter(l.dueAt())) {
            due = l.dueAt();
        }
        tx.store().loans().update(new Loan(l.id(), l.itemId(), l.patronId(), l.library(), l.issuedAt(), due, null, l.renewals(),
                l.channel(), l.terminal()));
        tx.log(ctx, EventType.ITEM_STATUS_CHANGED, l.library(), l.patronId(), l.itemId(), "recalled loan=" + l.id() + " due "
                + l.dueAt() + "->" + due);
        String patron = tx.store().patrons().byId(l.patronId()).map(Patron::barcode).orElse(null);
        return Outcome.success(new IllViews.Recalled(engine.itemInfo(tx, item.get()), patron, due, l.dueAt()));
    }
}
