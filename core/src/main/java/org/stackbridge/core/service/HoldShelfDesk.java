package org.stackbridge.core.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.stackbridge.core.command.Commands.ListExpiredOnShelf;
import org.stackbridge.core.command.Commands.ListHoldsToPull;
import org.stackbridge.core.command.Commands.ListTransits;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Page;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.StoreTx;

/**
 * The hold-shelf desk's lists for one library: the pull list (waiting holds an available item on its shelves can
 * fill), the clear-shelf list (items on its hold shelf whose hold expired uncollected) and the items in transit to or
 * from it. Read-only; each list is built in one read transaction and answered a page at a time.
 */
final class HoldShelfDesk extends Desk {

    /** Most open holds, or items of one status, a list reads; a list past it is cut short (and logged). */
    static final int MAX_SCANNED = 100_000;
    private static final int PAGE = 500;

    HoldShelfDesk(EngineSettings settings, Supplier<PolicyTable> policies) {
        super(settings, policies);
    }

    void registerOn(CirculationEngine engine) {
        engine.register(ListHoldsToPull.class, this::pullList);
        engine.register(ListExpiredOnShelf.class, this::clearShelfList);
        engine.register(ListTransits.class, this::transits);
    }

    /** The library, if it exists in the caller's institution. */
    private Optional<Library> deskLibrary(EngineTx tx, RequestContext ctx, String code) {
        return code == null ? Optional.empty() : tx.store().libraries().find(code)
                .filter(l -> ctx.institution() == null || l.institution().equals(ctx.institution()));
    }

    private static <T> Outcome<T> unknownLibrary(String code) {
        return Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown library " + code);
    }

    // ---------------------------------------------------------------- pull list

    /**
     * Each waiting hold (not expired, not suspended) is matched, in queue order, with a different available item of its
     * title on this library's shelves that it accepts; the lines are in shelf order (location, call number, barcode).
     */
    private Outcome<Page<Views.PullLine>> pullList(ListHoldsToPull cmd, EngineTx tx) {
        Optional<Library> library = deskLibrary(tx, cmd.context(), cmd.library());
        if (library.isEmpty()) {
            return unknownLibrary(cmd.library());
        }
        String here = library.get().code();
        StoreTx s = tx.store();
        Set<Long> bibs = new LinkedHashSet<>();
        scanOpenHolds(tx, h -> {
            if (h.status() == HoldStatus.WAITING) {
                bibs.add(h.bibId());
            }
        });
        List<Views.PullLine> lines = new ArrayList<>();
        for (long bibId : bibs) {
            List<Item> shelf = new ArrayList<>(s.items().byBib(bibId).stream()
                    .filter(i -> i.status() == ItemStatus.AVAILABLE && here.equals(i.currentLibrary()) && !i.isIllTemporary()).toList());
            if (shelf.isEmpty()) {
                continue;
            }
            BibRecord bib = s.bibs().headingById(bibId).orElse(null);
            for (Hold h : s.holds().openForBib(bibId)) {
                if (h.status() != HoldStatus.WAITING || !notExpired(tx, h) || passedOver(tx, h)) {
                    continue;
                }
                Optional<Item> match = shelf.stream().filter(i -> h.acceptsItem(i.id())).findFirst();
                if (match.isEmpty()) {
                    continue;
                }
                Item item = match.get();
                shelf.remove(item);
                Optional<Patron> patron = s.patrons().byId(h.patronId());
                lines.add(new Views.PullLine(h.id(), bib == null ? null : bib.controlNumber(), bib == null ? "" : bib.title(),
                        bib == null ? null : bib.author(), item.barcode(), item.callNumber(), item.location(),
                        patron.map(Patron::barcode).orElse(null), patron.map(Patron::name).orElse(null), h.pickupLibrary(), h.placedAt()));
                if (shelf.isEmpty()) {
                    break;
                }
            }
        }
        lines.sort(Comparator.comparing(Views.PullLine::location, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Views.PullLine::callNumber, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Views.PullLine::itemBarcode));
        return Outcome.success(Page.of(lines, cmd.page(), cmd.perPage()));
    }

    private static void scanOpenHolds(EngineTx tx, java.util.function.Consumer<Hold> each) {
        long after = 0;
        for (int scanned = 0; scanned < MAX_SCANNED; ) {
            List<Hold> page = tx.store().holds().openPage(after, PAGE);
            page.forEach(each);
            scanned += page.size();
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private static List<Item> itemsWithStatus(EngineTx tx, ItemStatus status) {
        List<Item> out = new ArrayList<>();
        long after = 0;
        while (out.size() < MAX_SCANNED) {
            List<Item> page = tx.store().items().withStatus(status, after, PAGE);
            out.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        return out;
    }

    // ---------------------------------------------------------------- clear-shelf list

    /**
     * Items on this library's hold shelf whose hold ran past its shelf expiry date: still ready but expired by date, or
     * already expired by the expiry job while the item stayed on the shelf. Oldest expiry first.
     */
    private Outcome<Page<Views.ShelfLine>> clearShelfList(ListExpiredOnShelf cmd, EngineTx tx) {
        Optional<Library> library = deskLibrary(tx, cmd.context(), cmd.library());
        if (library.isEmpty()) {
            return unknownLibrary(cmd.library());
        }
        String here = library.get().code();
        StoreTx s = tx.store();
        List<Views.ShelfLine> lines = new ArrayList<>();
        for (Item item : itemsWithStatus(tx, ItemStatus.ON_HOLD_SHELF)) {
            if (!here.equals(item.currentLibrary())) {
                continue;
            }
            Optional<Hold> open = s.holds().openTrappingItem(item.id());
            Optional<Hold> expired = open.isPresent() ? open.filter(h -> shelfExpired(tx, h))
                    : s.holds().lastTrapping(item.id()).filter(h -> h.status() == HoldStatus.EXPIRED);
            if (expired.isEmpty()) {
                continue;
            }
            Hold h = expired.get();
            Optional<Patron> patron = s.patrons().byId(h.patronId());
            lines.add(new Views.ShelfLine(h.id(), item.barcode(), title(tx, item.bibId()), item.callNumber(),
                    patron.map(Patron::barcode).orElse(null), patron.map(Patron::name).orElse(null), h.pickupLibrary(), h.shelfExpiresOn(),
                    h.status()));
        }
        lines.sort(Comparator.comparing(Views.ShelfLine::shelfExpiresOn, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Views.ShelfLine::itemBarcode));
        return Outcome.success(Page.of(lines, cmd.page(), cmd.perPage()));
    }

    // ---------------------------------------------------------------- transits

    /**
     * Items in transit to this library (incoming) or sent from it (outgoing), with why: for a hold (its id and patron)
     * or home. Oldest first.
     */
    private Outcome<Page<Views.TransitLine>> transits(ListTransits cmd, EngineTx tx) {
        Optional<Library> library = deskLibrary(tx, cmd.context(), cmd.library());
        if (library.isEmpty()) {
            return unknownLibrary(cmd.library());
        }
        String here = library.get().code();
        StoreTx s = tx.store();
        List<Views.TransitLine> lines = new ArrayList<>();
        for (Item item : itemsWithStatus(tx, ItemStatus.IN_TRANSIT)) {
            boolean mine = cmd.incoming() ? here.equals(item.inTransitTo()) : here.equals(item.currentLibrary());
            if (!mine) {
                continue;
            }
            Optional<Hold> hold = s.holds().openTrappingItem(item.id()).filter(h -> h.status() == HoldStatus.IN_TRANSIT);
            String patron = hold.flatMap(h -> s.patrons().byId(h.patronId())).map(Patron::barcode).orElse(null);
            lines.add(new Views.TransitLine(item.barcode(), title(tx, item.bibId()), item.callNumber(), item.currentLibrary(),
                    item.inTransitTo(), s.events().lastForItem(item.id()).map(CirculationEvent::at).orElse(null),
                    hold.isPresent() ? Views.TransitReason.HOLD : Views.TransitReason.HOME, hold.map(Hold::id).orElse(null), patron));
        }
        lines.sort(Comparator.comparing(Views.TransitLine::since, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Views.TransitLine::itemBarcode));
        return Outcome.success(Page.of(lines, cmd.page(), cmd.perPage()));
    }
}
