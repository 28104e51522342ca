package org.stackbridge.core.cataloguing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stackbridge.core.cataloguing.CatalogueCommands.AddBib;
import org.stackbridge.core.cataloguing.CatalogueCommands.AddItem;
import org.stackbridge.core.cataloguing.CatalogueCommands.LookupBib;
import org.stackbridge.core.cataloguing.CatalogueCommands.OverlayBib;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.RecordVerification;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineTx;

/** Records and items: look up a record with its items, add or overlay a record, add and edit items. */
final class CatalogueDesk {

    private final CirculationEngine engine;

    CatalogueDesk(CirculationEngine engine) {
        this.engine = engine;
    }

    void registerOn(CirculationEngine e) {
        e.register(LookupBib.class, this::lookupBib);
        e.register(AddBib.class, this::addBib);
        e.register(OverlayBib.class, this::overlayBib);
        e.register(AddItem.class, this::addItem);
    }

    private Outcome<CatalogueViews.BibDetail> lookupBib(LookupBib cmd, EngineTx tx) {
        return bib(tx, cmd.controlNumber()).<Outcome<CatalogueViews.BibDetail>>map(b -> Outcome.success(detail(tx, cmd.context(), b)))
                .orElseGet(() -> unknownBib(cmd.controlNumber()));
    }

    private Outcome<CatalogueViews.BibSaved> addBib(AddBib cmd, EngineTx tx) {
        BibRecord bib = cmd.bib();
        Optional<BibRecord> taken = tx.store().bibs().byControlNumber(bib.controlNumber());
        if (taken.isPresent()) {
            return Outcome.refused(RefusalReason.DUPLICATE, "Control number " + bib.controlNumber() + " is already record \""
                    + taken.get().title() + "\"; overlay it with PUT instead");
        }
        RecordVerification.Report report = RecordVerification.verify(bib, null, id -> tx.store().bibs().byIdentifier(id));
        Optional<Outcome<CatalogueViews.BibSaved>> refused = refusal(report, cmd.allowDuplicate());
        if (refused.isPresent()) {
            return refused.get();
        }
        BibRecord stored = tx.store().bibs().insert(bib.withId(0));
        tx.log(cmd.context(), EventType.BIB_CREATED, cmd.context().library(), null, null,
                "bib=" + stored.id() + " " + stored.controlNumber() + " title=" + stored.title()
                        + (report.duplicates().isEmpty() ? "" : " duplicates allowed: " + duplicateList(report)));
        return Outcome.success(new CatalogueViews.BibSaved(detail(tx, cmd.context(), stored), true, report));
    }

    private Outcome<CatalogueViews.BibSaved> overlayBib(OverlayBib cmd, EngineTx tx) {
        Optional<BibRecord> existing = bib(tx, cmd.controlNumber());
        if (existing.isEmpty()) {
            return unknownBib(cmd.controlNumber());
        }
        if (!cmd.bib().controlNumber().equals(existing.get().controlNumber())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "The record's 001 " + cmd.bib().controlNumber()
                    + " is not the record overlaid (" + cmd.controlNumber() + ")");
        }
        RecordVerification.Report report = RecordVerification.verify(cmd.bib(), cmd.controlNumber(), id -> tx.store().bibs().byIdentifier(id));
        Optional<Outcome<CatalogueViews.BibSaved>> refused = refusal(report, cmd.allowDuplicate());
        if (refused.isPresent()) {
            return refused.get();
        }
        BibRecord before = existing.get();
        BibRecord overlaid = cmd.bib().withId(before.id());
        tx.store().bibs().update(overlaid);
        tx.log(cmd.context(), EventType.BIB_UPDATED, cmd.context().library(), null, null, "bib=" + before.id() + " "
                + before.controlNumber() + " " + changes(java.util.Arrays.asList(
                change("title", before.title(), overlaid.title()), change("author", before.author(), overlaid.author()),
                change("isbn", before.isbn(), overlaid.isbn()), change("publisher", before.publisher(), overlaid.publisher()),
                change("year", before.year(), overlaid.year()), change("marc_bytes", before.marc().length, overlaid.marc().length))));
        return Outcome.success(new CatalogueViews.BibSaved(detail(tx, cmd.context(), overlaid), false, report));
    }

    private Outcome<Views.ItemInfo> addItem(AddItem cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<BibRecord> bib = bib(tx, cmd.bibControlNumber());
        if (bib.isEmpty()) {
            return unknownBib(cmd.bibControlNumber());
        }
        Optional<Item> taken = tx.store().items().byBarcode(cmd.barcode());
        if (taken.isPresent()) {
            return Outcome.refused(RefusalReason.DUPLICATE, "Barcode " + cmd.barcode() + " is already in use by another item");
        }
        Optional<Outcome<Views.ItemInfo>> badLibrary = checkLibrary(tx, ctx, cmd.library());
        if (badLibrary.isPresent()) {
            return badLibrary.get();
        }
        Optional<Outcome<Views.ItemInfo>> badPrice = checkPrice(engine, cmd.price());
        if (badPrice.isPresent()) {
            return badPrice.get();
        }
        Item item = tx.store().items().insert(new Item(0, cmd.barcode(), bib.get().id(), cmd.itemType(), cmd.library(), cmd.library(),
                cmd.location(), cmd.callNumber(), cmd.price() == null ? null : cmd.price().amount(), ItemStatus.AVAILABLE, null, null));
        tx.log(ctx, EventType.ITEM_CREATED, cmd.library(), null, item.id(), "item " + item.barcode() + " on bib " + bib.get().controlNumber()
                + " type=" + item.itemType() + " library=" + item.homeLibrary() + " location=" + item.location()
                + " call_number=" + item.callNumber() + " price=" + plain(item.price()));
        return Outcome.success(engine.itemInfo(tx, item));
    }

    // ---------------------------------------------------------------- helpers

    /** A price is zero or more, at most 100000, in the engine's currency. */
    static <T> Optional<Outcome<T>> checkPrice(CirculationEngine engine, org.stackbridge.core.model.Money price) {
        if (price == null) {
            return Optional.empty();
        }
        if (price.amount().signum() < 0 || price.amount().compareTo(new BigDecimal("100000")) > 0) {
            return Optional.of(Outcome.refused(RefusalReason.INVALID_AMOUNT, "The price must be between 0 and 100000"));
        }
        if (!price.currency().equals(engine.settings().currency())) {
            return Optional.of(Outcome.refused(RefusalReason.CURRENCY_MISMATCH, "The price must be in "
                    + engine.settings().currency().getCurrencyCode()));
        }
        return Optional.empty();
    }

    private static Optional<BibRecord> bib(EngineTx tx, String controlNumber) {
        return controlNumber == null || controlNumber.isBlank() ? Optional.empty() : tx.store().bibs().byControlNumber(controlNumber);
    }

    private static <T> Outcome<T> unknownBib(String controlNumber) {
        return Outcome.refused(RefusalReason.UNKNOWN_BIB, "Unknown record " + controlNumber);
    }

    /** The library must exist and, for a library-scoped caller, be in the caller's institution. */
    static <T> Optional<Outcome<T>> checkLibrary(EngineTx tx, RequestContext ctx, String code) {
        Optional<Library> library = tx.store().libraries().find(code);
        if (library.isEmpty()) {
            return Optional.of(Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown library " + code));
        }
        if (ctx.institution() != null && !ctx.institution().equals(library.get().institution())) {
            return Optional.of(Outcome.refused(RefusalReason.OUT_OF_INSTITUTION, "Library " + code + " is not in your institution "
                    + ctx.institution()));
        }
        return Optional.empty();
    }

    private static <T> Optional<Outcome<T>> refusal(RecordVerification.Report report, boolean allowDuplicate) {
        if (!report.errors().isEmpty()) {
            return Optional.of(Outcome.refused(RefusalReason.INVALID_REQUEST, "The record fails verification: "
                    + String.join("; ", report.errors().stream().map(RecordVerification.Finding::detail).toList()), report));
        }
        if (!report.duplicates().isEmpty() && !allowDuplicate) {
            return Optional.of(Outcome.refused(RefusalReason.DUPLICATE, "The record duplicates " + duplicateList(report)
                    + "; import with allow_duplicate to add it anyway", report));
        }
        return Optional.empty();
    }

    private static String duplicateList(RecordVerification.Report report) {
        return String.join(", ", report.duplicates().stream()
                .map(d -> d.identifier() + " " + d.value() + " of record " + d.controlNumber() + " \"" + d.title() + "\"").toList());
    }

    CatalogueViews.BibDetail detail(EngineTx tx, RequestContext ctx, BibRecord b) {
        List<Views.ItemInfo> items = new ArrayList<>();
        for (Item i : tx.store().items().byBib(b.id())) {
            if (engine.findItem(tx, ctx, i.barcode()).isPresent()) {
                items.add(engine.itemInfo(tx, i));
            }
        }
        items.sort(java.util.Comparator.comparingLong(Views.ItemInfo::itemId));
        return new CatalogueViews.BibDetail(new CatalogueViews.BibSummary(b.id(), b.controlNumber(), b.title(), b.author(), b.isbn(),
                b.publisher(), b.year(), b.marc().length == 0 ? List.of() : BibIdentifier.of(b)), items);
    }

    static <T> T or(T given, T existing) {
        return given == null ? existing : given;
    }

    static String plain(BigDecimal price) {
        return price == null ? null : price.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code name: before -> after}, or null when equal. */
    static String change(String name, Object before, Object after) {
        return Objects.equals(before, after) ? null : name + ": " + before + " -> " + after;
    }

    static String changes(List<String> changes) {
        return String.join("; ", changes.stream().filter(Objects::nonNull).toList());
    }
}
