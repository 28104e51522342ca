package org.stackbridge.core.ill;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllTransitions.Trigger;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineTx;

/** What the ILL desks share: creating and moving requests (with their logged transition), resolving references, views. */
abstract class IllDesk {

    static final int MAX_LIST = 1000;

    final CirculationEngine engine;

    IllDesk(CirculationEngine engine) {
        this.engine = engine;
    }

    // ---------------------------------------------------------------- helpers

    IllRequest create(EngineTx tx, RequestContext ctx, IllRole role, String partner, String externalId, Long patronId,
                              Long itemId, Long bibId, String title, String pickup) {
        return create(tx, ctx, role, partner, externalId, patronId, itemId, bibId, title, pickup, null);
    }

    /** Creates a request in state REQUESTED and logs its creation with {@code note} (may be null). */
    IllRequest create(EngineTx tx, RequestContext ctx, IllRole role, String partner, String externalId, Long patronId,
                      Long itemId, Long bibId, String title, String pickup, String note) {
        Instant now = tx.now();
        IllRequest r = tx.store().ill().insert(new IllRequest(0, role, IllState.REQUESTED, partner, externalId, patronId, itemId,
                bibId, title, pickup, now, now));
        logTransition(tx, ctx, r, IllEventDetail.CREATED, IllState.REQUESTED, note);
        return r;
    }

    /**
     * Whether a caller acting in an institution may see the request: one whose pickup library is in it (a request
     * without a pickup library is everyone's). A caller without an institution sees every request.
     */
    boolean visible(EngineTx tx, RequestContext ctx, IllRequest r) {
        return ctx.institution() == null || r.pickupLibrary() == null
                || engine.library(tx, r.pickupLibrary()).institution().equals(ctx.institution());
    }

    /** Stores the request in its new state and logs the transition; callers have checked the table. */
    IllRequest move(EngineTx tx, RequestContext ctx, IllRequest r, IllState to, String note) {
        IllRequest moved = r.moved(to, tx.now());
        tx.store().ill().update(moved);
        logTransition(tx, ctx, r, r.state().name(), to, note);
        return moved;
    }

    void logTransition(EngineTx tx, RequestContext ctx, IllRequest r, String from, IllState to, String note) {
        String library = r.pickupLibrary() != null ? r.pickupLibrary() : ctx.library();
        tx.log(ctx, EventType.ILL_TRANSITION, library, r.patronId(), r.itemId(), IllEventDetail.of(r, from, to, note).format());
    }

    static <T> Outcome<T> refuseTransition(IllRequest r, IllState to, Trigger trigger) {
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

    Optional<IllRequest> resolve(EngineTx tx, RequestContext ctx, IllRef ref) {
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

    Optional<Hold> lendingHold(EngineTx tx, IllRequest r) {
        if (r.patronId() == null) {
            return Optional.empty();
        }
        return tx.store().holds().openForPatron(r.patronId()).stream()
                .filter(h -> h.illRequestId() != null && h.illRequestId() == r.id()).findFirst();
    }

    /** Cancels the hold that keeps a temporary item for our patron; the item waits for return shipping. */
    void releaseBorrowingHold(EngineTx tx, RequestContext ctx, Item item) {
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

    void retire(EngineTx tx, RequestContext ctx, Item item) {
        if (item.status() != ItemStatus.WITHDRAWN) {
            setStatus(tx, ctx, item, ItemStatus.WITHDRAWN);
        }
    }

    /**
     * Deletes a temporary ILL item as far as anyone can see: retired, and its barcode released (renamed to
     * {@code <barcode>~deleted}; an item deleted earlier under that name becomes {@code <barcode>~deleted-<id>}) so
     * look-ups answer "unknown item" and a later receipt may use the barcode again, while a repeated DeleteItem still
     * finds the item. The row stays, so loans, holds and the event log keep pointing at it; the event names the old barcode.
     */
    void delete(EngineTx tx, RequestContext ctx, Item item) {
        retire(tx, ctx, item);
        Item current = tx.store().items().byId(item.id()).orElse(item);
        if (current.barcode().contains(DELETED_MARK)) {
            return;
        }
        String released = current.barcode() + DELETED_MARK;
        Optional<Item> older = tx.store().items().byBarcode(released);
        if (older.isPresent()) {
            rename(tx, older.get(), released + "-" + older.get().id());
        }
        rename(tx, current, released);
        tx.log(ctx, EventType.ITEM_STATUS_CHANGED, current.currentLibrary(), null, current.id(),
                "temporary ILL item " + current.barcode() + " deleted; barcode released (kept as " + released + ")");
    }

    private static void rename(EngineTx tx, Item i, String barcode) {
        tx.store().items().update(new Item(i.id(), barcode, i.bibId(), i.itemType(), i.homeLibrary(), i.currentLibrary(), i.location(),
                i.callNumber(), i.price(), i.status(), i.inTransitTo(), i.illRequestId()));
    }

    /** Appended to the barcode of a deleted temporary ILL item. */
    static final String DELETED_MARK = "~deleted";

    void setStatus(EngineTx tx, RequestContext ctx, Item item, ItemStatus status) {
        Item current = tx.store().items().byId(item.id()).orElse(item);
        tx.store().items().update(current.withStatus(status));
        tx.log(ctx, EventType.ITEM_STATUS_CHANGED, current.currentLibrary(), null, current.id(), current.status() + "->" + status);
    }


    static String freeBarcode(StoreTx s, String base) {
        String candidate = base;
        for (int i = 2; s.items().byBarcode(candidate).isPresent(); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    IllViews.IllRequestView view(EngineTx tx, IllRequest r) {
        StoreTx s = tx.store();
        String patron = r.patronId() == null ? null : s.patrons().byId(r.patronId()).map(Patron::barcode).orElse(null);
        String item = r.itemId() == null ? null : s.items().byId(r.itemId()).map(Item::barcode).orElse(null);
        String bib = r.bibId() == null ? null : s.bibs().headingById(r.bibId()).map(org.stackbridge.core.model.BibRecord::controlNumber).orElse(null);
        return new IllViews.IllRequestView(r.id(), r.role(), r.state(), r.partnerAgency(), r.externalId(), patron, item, r.title(),
                r.pickupLibrary(), r.createdAt(), r.updatedAt(), bib);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String blankToNull(String s) {
        return blank(s) ? null : s;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v;
            }
        }
        return null;
    }
}
