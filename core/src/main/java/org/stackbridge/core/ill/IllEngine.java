package org.stackbridge.core.ill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.command.Commands.CancelHold;
import org.stackbridge.core.command.Commands.CheckIn;
import org.stackbridge.core.command.Commands.CheckOut;
import org.stackbridge.core.command.Commands.PlaceHold;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllCommands.Advance;
import org.stackbridge.core.ill.IllCommands.DeleteTemporaryItem;
import org.stackbridge.core.ill.IllCommands.ListRequests;
import org.stackbridge.core.ill.IllCommands.ReceiveItem;
import org.stackbridge.core.ill.IllCommands.RequestBorrowing;
import org.stackbridge.core.ill.IllCommands.RequestLending;
import org.stackbridge.core.ill.IllCommands.ShowRequest;
import org.stackbridge.core.ill.IllCommands.Statistics;
import org.stackbridge.core.ill.IllTransitions.Trigger;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CirculationEvent;
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
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.CommandHandler;
import org.stackbridge.core.service.EngineTx;

/**
 * The ILL workflow on top of the circulation engine. Every state change is checked against
 * {@link IllTransitions} and logged as an {@link EventType#ILL_TRANSITION} event whose detail reads
 * {@code ill=<id> <ROLE> <FROM>-><TO> partner=<agency> ext=<request id>[ note=...]}. Check-out and check-in of
 * ILL items go through the normal circulation commands; this engine wraps their handlers so the request
 * moves in the same transaction (and a check-out the request's state forbids is refused).
 */
public final class IllEngine {

    private static final Logger LOG = LoggerFactory.getLogger(IllEngine.class);
    /** Default ILL item type and shelf location for temporary items when the caller names none. */
    public static final String DEFAULT_ITEM_TYPE = "ILL";
    public static final String DEFAULT_LOCATION = "ILL hold shelf";
    private static final int DEFAULT_SHELF_DAYS = 14;
    private static final int MAX_LIST = 1000;
    private static final int MAX_SCANNED_EVENTS = 200_000;
    private static final Pattern DETAIL = Pattern.compile(
            "^ill=(\\d+) (BORROWING|LENDING) ([A-Z_]+)->([A-Z_]+)(?: partner=(\\S*))?(?: ext=(\\S*))?(?: note=(.*))?$");

    private final CirculationEngine engine;

    private IllEngine(CirculationEngine engine) {
        this.engine = engine;
    }

    /** Registers the ILL commands and wraps check-out/check-in; call once per engine. */
    public static IllEngine registerWith(CirculationEngine engine) {
        IllEngine ill = new IllEngine(engine);
        engine.register(RequestBorrowing.class, ill::requestBorrowing);
        engine.register(ReceiveItem.class, ill::receiveItem);
        engine.register(DeleteTemporaryItem.class, ill::deleteTemporaryItem);
        engine.register(RequestLending.class, ill::requestLending);
        engine.register(Advance.class, ill::advance);
        engine.register(ListRequests.class, ill::list);
        engine.register(ShowRequest.class, ill::show);
        engine.register(Statistics.class, (cmd, tx) -> Outcome.success(ill.statistics(tx.store(), cmd.from(), cmd.to())));
        engine.register(IllCommands.LookupTitle.class, ill::lookupTitle);
        engine.register(IllCommands.RecallLoan.class, ill::recallLoan);
        engine.decorate(CheckOut.class, ill::afterCheckOut);
        engine.decorate(CheckIn.class, ill::afterCheckIn);
        return ill;
    }

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
        Outcome<IllViews.Received> blocked = requestsBlocked(tx, patron);
        if (blocked != null) {
            return blocked;
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
        LocalDate shelfExpiry = tx.today(pickupLibrary.get()).plusDays(shelfDays(pickup, patron.category(), itemType));
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
            retire(tx, ctx, item); // a repeat: nothing left to do but make sure the item is retired
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
        r = move(tx, ctx, r, IllState.COMPLETE, "temporary item retired");
        retire(tx, ctx, s.items().byId(item.id()).orElseThrow());
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
                blankToNull(cmd.bibControlNumber()), blankToNull(cmd.pickupLibrary()), null), tx);
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
        Optional<IllRequest> found = resolve(tx, ctx, cmd.ref());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_HOLD, "Unknown " + cmd.ref());
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
                Outcome<Views.HoldCancelled> c = engine.handle(new CancelHold(ctx, p.barcode(), null, cn), tx);
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

    // ---------------------------------------------------------------- titles and recalls

    private Outcome<IllViews.Holdings> lookupTitle(IllCommands.LookupTitle cmd, EngineTx tx) {
        if (blank(cmd.bibControlNumber())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Bibliographic id is required");
        }
        Optional<BibRecord> bib = tx.store().bibs().byControlNumber(cmd.bibControlNumber());
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

    // ---------------------------------------------------------------- queries

    private Outcome<IllViews.Listing> list(ListRequests cmd, EngineTx tx) {
        int limit = cmd.limit() <= 0 ? 100 : Math.min(cmd.limit(), MAX_LIST);
        List<IllViews.IllRequestView> out = new ArrayList<>();
        long after = Math.max(0, cmd.afterId());
        while (out.size() < limit) {
            List<IllRequest> page = tx.store().ill().page(after, 500);
            for (IllRequest r : page) {
                if ((cmd.role() == null || r.role() == cmd.role()) && (cmd.state() == null || r.state() == cmd.state())) {
                    out.add(view(tx, r));
                    if (out.size() == limit) {
                        break;
                    }
                }
            }
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        return Outcome.success(new IllViews.Listing(out));
    }

    private Outcome<IllViews.Detail> show(ShowRequest cmd, EngineTx tx) {
        Optional<IllRequest> r = resolve(tx, cmd.context(), cmd.ref());
        if (r.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_HOLD, "Unknown " + cmd.ref());
        }
        return Outcome.success(new IllViews.Detail(view(tx, r.get()), history(tx.store(), r.get(), tx.now())));
    }

    /** The transitions of one request, from the event log. */
    public List<IllViews.Transition> history(StoreTx s, IllRequest r, Instant now) {
        String prefix = "ill=" + r.id() + " ";
        List<IllViews.Transition> out = new ArrayList<>();
        for (CirculationEvent e : illEvents(s, r.createdAt(), now.plusNanos(1))) {
            if (e.detail() != null && e.detail().startsWith(prefix)) {
                Matcher m = DETAIL.matcher(e.detail());
                if (m.matches()) {
                    out.add(new IllViews.Transition(e.at(), m.group(3), m.group(4), e.actor(), e.channel(), m.group(7)));
                }
            }
        }
        return out;
    }

    /**
     * ILL statistics: current counts by role and state from the requests, and completions in [from, to) with
     * the median turnaround (creation to completion), from the event log.
     */
    public IllViews.Stats statistics(StoreTx s, Instant from, Instant to) {
        Map<IllRole, Map<IllState, Long>> counts = new EnumMap<>(IllRole.class);
        long after = 0;
        while (true) {
            List<IllRequest> page = s.ill().page(after, 500);
            for (IllRequest r : page) {
                counts.computeIfAbsent(r.role(), k -> new EnumMap<>(IllState.class)).merge(r.state(), 1L, Long::sum);
            }
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        Map<IllRole, List<Duration>> turnaround = new EnumMap<>(IllRole.class);
        Map<Long, Instant> created = new java.util.HashMap<>();
        // only the window is scanned; a request created before it takes its start from the stored creation time,
        // which is the time of its first logged transition
        List<CirculationEvent> events = illEvents(s, from, to);
        for (CirculationEvent e : events) {
            Matcher m = e.detail() == null ? null : DETAIL.matcher(e.detail());
            if (m == null || !m.matches()) {
                continue;
            }
            long id = Long.parseLong(m.group(1));
            if ("NEW".equals(m.group(3))) {
                created.put(id, e.at());
            }
            if (IllState.COMPLETE.name().equals(m.group(4)) && !e.at().isBefore(from)) {
                Instant start = created.get(id);
                if (start == null) {
                    start = s.ill().byId(id).map(IllRequest::createdAt).orElse(e.at());
                }
                turnaround.computeIfAbsent(IllRole.valueOf(m.group(2)), k -> new ArrayList<>()).add(Duration.between(start, e.at()));
            }
        }
        Map<IllRole, Map<IllState, Long>> frozen = new EnumMap<>(IllRole.class);
        counts.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        Map<IllRole, Long> completed = new EnumMap<>(IllRole.class);
        Map<IllRole, Duration> median = new EnumMap<>(IllRole.class);
        turnaround.forEach((role, list) -> {
            completed.put(role, (long) list.size());
            median.put(role, median(list));
        });
        return new IllViews.Stats(from, to, frozen, completed, median);
    }

    static Duration median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    /** ILL transition events in [from, to), paged through the log by time. */
    private static List<CirculationEvent> illEvents(StoreTx s, Instant from, Instant to) {
        List<CirculationEvent> out = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        Instant cursor = from;
        int scanned = 0;
        while (scanned < MAX_SCANNED_EVENTS) {
            List<CirculationEvent> page = s.events().between(cursor, to, 5000);
            for (CirculationEvent e : page) {
                if (seen.add(e.id()) && e.type() == EventType.ILL_TRANSITION) {
                    out.add(e);
                }
            }
            scanned += page.size();
            if (page.size() < 5000) {
                break;
            }
            Instant last = page.get(page.size() - 1).at();
            // many events at one instant: step past it rather than loop
            cursor = last.equals(cursor) ? last.plusNanos(1) : last;
        }
        if (scanned >= MAX_SCANNED_EVENTS) {
            LOG.warn("ILL event scan stopped after {} events", scanned);
        }
        out.sort(java.util.Comparator.comparing(CirculationEvent::at).thenComparingLong(CirculationEvent::id));
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private IllRequest create(EngineTx tx, RequestContext ctx, IllRole role, String partner, String externalId, Long patronId,
                              Long itemId, Long bibId, String title, String pickup) {
        Instant now = tx.now();
        IllRequest r = tx.store().ill().insert(new IllRequest(0, role, IllState.REQUESTED, partner, externalId, patronId, itemId,
                bibId, title, pickup, now, now));
        logTransition(tx, ctx, r, "NEW", IllState.REQUESTED, null);
        return r;
    }

    /** Stores the request in its new state and logs the transition; callers have checked the table. */
    private IllRequest move(EngineTx tx, RequestContext ctx, IllRequest r, IllState to, String note) {
        IllRequest moved = r.moved(to, tx.now());
        tx.store().ill().update(moved);
        logTransition(tx, ctx, r, r.state().name(), to, note);
        return moved;
    }

    private void logTransition(EngineTx tx, RequestContext ctx, IllRequest r, String from, IllState to, String note) {
        String library = r.pickupLibrary() != null ? r.pickupLibrary() : ctx.library();
        tx.log(ctx, EventType.ILL_TRANSITION, library, r.patronId(), r.itemId(), "ill=" + r.id() + " " + r.role() + " " + from
                + "->" + to + " partner=" + token(r.partnerAgency()) + " ext=" + token(r.externalId())
                + (note == null || note.isBlank() ? "" : " note=" + note.replace('\n', ' ')));
    }

    private static String token(String s) {
        return s == null ? "" : s.replaceAll("\\s", "_");
    }

    private static <T> Outcome<T> refuseTransition(IllRequest r, IllState to, Trigger trigger) {
        List<IllState> next = IllTransitions.next(r.role(), r.state(), trigger);
        String how = switch (trigger) {
            case MANUAL -> "by hand";
            case RECEIVE -> "by receiving the item";
            case CHECKOUT -> "by a check-out";
            case CHECKIN -> "by a check-in";
            case DELETE -> "by deleting the item";
        };
        return Outcome.refused(RefusalReason.INVALID_TRANSITION, r.role() + " ILL request " + r.id() + " (" + r.partnerAgency() + "/"
                + r.externalId() + ") cannot go from " + r.state() + " to " + to + " " + how + "; allowed: "
                + (next.isEmpty() ? "none" : next.toString()));
    }

    private Optional<IllRequest> resolve(EngineTx tx, RequestContext ctx, IllRef ref) {
        if (ref == null) {
            return Optional.empty();
        }
        StoreTx s = tx.store();
        if (ref.id() != null) {
            return s.ill().byId(ref.id());
        }
        if (!blank(ref.externalId())) {
            if (ref.role() != null) {
                return s.ill().byExternalId(nz(ref.partnerAgency()), ref.externalId(), ref.role());
            }
            return s.ill().byExternalId(nz(ref.partnerAgency()), ref.externalId(), IllRole.LENDING)
                    .or(() -> s.ill().byExternalId(nz(ref.partnerAgency()), ref.externalId(), IllRole.BORROWING));
        }
        if (!blank(ref.itemBarcode())) {
            Optional<Item> item = engine.findItem(tx, ctx, ref.itemBarcode());
            if (item.isEmpty()) {
                return Optional.empty();
            }
            if (item.get().isIllTemporary() && ref.role() != IllRole.LENDING) {
                return s.ill().byId(item.get().illRequestId());
            }
            return s.ill().forItem(item.get().id(), IllRole.LENDING).stream()
                    .filter(r -> !IllTransitions.isTerminal(r.role(), r.state())).findFirst();
        }
        return Optional.empty();
    }

    private Optional<Hold> lendingHold(EngineTx tx, IllRequest r) {
        if (r.patronId() == null) {
            return Optional.empty();
        }
        return tx.store().holds().openForPatron(r.patronId()).stream()
                .filter(h -> h.illRequestId() != null && h.illRequestId() == r.id()).findFirst();
    }

    /** Cancels the hold that keeps a temporary item for our patron; the item waits for return shipping. */
    private void releaseBorrowingHold(EngineTx tx, RequestContext ctx, Item item) {
        StoreTx s = tx.store();
        Optional<Hold> hold = s.holds().openTrappingItem(item.id());
        if (hold.isPresent()) {
            s.holds().update(hold.get().withStatus(HoldStatus.CANCELLED));
            tx.log(ctx, EventType.HOLD_CANCELLED, hold.get().pickupLibrary(), hold.get().patronId(), item.id(),
                    "hold=" + hold.get().id() + " ILL item leaves");
        }
        if (item.status() == ItemStatus.ON_HOLD_SHELF || item.status() == ItemStatus.AVAILABLE) {
            setStatus(tx, ctx, item, ItemStatus.IN_PROCESS);
        }
    }

    private void retire(EngineTx tx, RequestContext ctx, Item item) {
        if (item.status() != ItemStatus.WITHDRAWN) {
            setStatus(tx, ctx, item, ItemStatus.WITHDRAWN);
        }
    }

    private void setStatus(EngineTx tx, RequestContext ctx, Item item, ItemStatus status) {
        Item current = tx.store().items().byId(item.id()).orElse(item);
        tx.store().items().update(current.withStatus(status));
        tx.log(ctx, EventType.ITEM_STATUS_CHANGED, current.currentLibrary(), null, current.id(), current.status() + "->" + status);
    }

    private <T> Outcome<T> requestsBlocked(EngineTx tx, Patron patron) {
        if (patron.isExpired(tx.today(engine.library(tx, patron.homeLibrary())))) {
            return Outcome.refused(RefusalReason.PATRON_EXPIRED, "Patron card expired");
        }
        Instant now = tx.now();
        for (PatronBlock b : tx.store().patrons().blocks(patron.id())) {
            if ((b.request() || b.borrow()) && b.activeAt(now)) {
                return Outcome.refused(RefusalReason.PATRON_BLOCKED, blank(b.reason()) ? "Patron is blocked" : b.reason());
            }
        }
        return null;
    }

    private int shelfDays(String library, String category, String itemType) {
        CirculationRule rule = engine.policies().find(library, category, itemType).orElse(null);
        return rule == null || rule.holdShelfDays() <= 0 ? DEFAULT_SHELF_DAYS : Math.max(rule.holdShelfDays(), DEFAULT_SHELF_DAYS);
    }

    private static String freeBarcode(StoreTx s, String base) {
        String candidate = base;
        for (int i = 2; s.items().byBarcode(candidate).isPresent(); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    private IllViews.IllRequestView view(EngineTx tx, IllRequest r) {
        StoreTx s = tx.store();
        String patron = r.patronId() == null ? null : s.patrons().byId(r.patronId()).map(Patron::barcode).orElse(null);
        String item = r.itemId() == null ? null : s.items().byId(r.itemId()).map(Item::barcode).orElse(null);
        return new IllViews.IllRequestView(r.id(), r.role(), r.state(), r.partnerAgency(), r.externalId(), patron, item, r.title(),
                r.pickupLibrary(), r.createdAt(), r.updatedAt());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v;
            }
        }
        return null;
    }
}
