package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;

/**
 * Imports items from CSV with a header naming the columns (any order): {@code barcode}, {@code bib_id},
 * {@code item_type}, {@code library} required; {@code location}, {@code call_number}, {@code price}, {@code status}
 * optional. {@code bib_id} is the MARC 001 of an imported record. Rows are written in file order, a batch per
 * transaction; an existing barcode is updated unless the item is on loan, and every change is logged.
 */
public final class ItemImporter implements CsvImporter {

    public static final List<String> COLUMNS = List.of("barcode", "bib_id", "item_type", "library", "location", "call_number", "price", "status");
    static final CsvImport.Columns SPEC = new CsvImport.Columns(COLUMNS, List.of("barcode", "bib_id", "item_type", "library"));
    private static final Pattern BARCODE = Pattern.compile("[\\p{Alnum}\\-_.]{1,64}");
    private static final int MAX_TEXT = 255;
    private static final Set<ItemStatus> IMPORTABLE = Set.of(ItemStatus.AVAILABLE, ItemStatus.LOST, ItemStatus.MISSING,
            ItemStatus.DAMAGED, ItemStatus.IN_PROCESS, ItemStatus.WITHDRAWN);

    private final TransactionRunner storage;
    private final Set<String> itemTypes;
    private final ImportActor actor;
    private final int batchSize;

    public ItemImporter(TransactionRunner storage, Set<String> itemTypes) {
        this(storage, itemTypes, ImportActor.cli(Clock.systemUTC()), PatronImporter.DEFAULT_BATCH);
    }

    public ItemImporter(TransactionRunner storage, Set<String> itemTypes, ImportActor actor, int batchSize) {
        this.storage = storage;
        this.itemTypes = itemTypes;
        this.actor = actor;
        this.batchSize = batchSize;
    }

    @Override
    public void run(Path file, ImportReport report) throws IOException {
        Set<String> libraries = actor.libraries(storage);
        CsvImport.run(file, SPEC, report, storage, batchSize, new CsvImport.RowStore<Parsed>() {
            @Override
            public CompletableFuture<Parsed> prepare(CsvRows.Row row, ImportReport r) {
                Parsed p = parse(row, libraries, r);
                return p == null ? null : CompletableFuture.completedFuture(p);
            }

            @Override
            public CsvImport.Written write(StoreTx tx, Parsed p, long line) {
                return store(tx, p, line, libraries);
            }
        });
    }

    private CsvImport.Written store(StoreTx tx, Parsed p, long line, Set<String> libraries) {
        var bib = tx.bibs().byControlNumber(p.bibId);
        if (bib.isEmpty()) {
            return CsvImport.Written.rejected("unknown bib_id '" + p.bibId + "'; import its MARC record first");
        }
        BibRecord b = bib.get();
        Item fresh = new Item(0, p.item.barcode(), b.id(), p.item.itemType(), p.item.homeLibrary(), p.item.homeLibrary(),
                p.item.location(), p.item.callNumber(), p.item.price(), p.item.status(), null, null);
        var existing = tx.items().byBarcode(p.item.barcode());
        if (existing.isEmpty()) {
            Item stored = tx.items().insert(fresh);
            actor.log(tx, EventType.ITEM_CREATED, stored.homeLibrary(), null, stored.id(),
                    "imported (line " + line + "): " + stored.itemType() + " of " + p.bibId + " at " + stored.homeLibrary());
            return CsvImport.Written.of(CsvImport.Change.ADDED);
        }
        Item old = existing.get();
        if (!libraries.contains(old.homeLibrary())) {
            return CsvImport.Written.rejected("item " + old.barcode() + " belongs to library " + old.homeLibrary()
                    + ", outside institution " + actor.who().institution());
        }
        if (tx.loans().openForItem(old.id()).isPresent()) {
            return CsvImport.Written.rejected("item " + old.barcode() + " is on loan; check it in before re-importing");
        }
        Item updated = fresh.withId(old.id());
        StringBuilder changes = new StringBuilder();
        ImportActor.diff(changes, "bib", old.bibId(), updated.bibId());
        ImportActor.diff(changes, "item_type", old.itemType(), updated.itemType());
        ImportActor.diff(changes, "library", old.homeLibrary(), updated.homeLibrary());
        ImportActor.diff(changes, "current_library", old.currentLibrary(), updated.currentLibrary());
        ImportActor.diff(changes, "location", old.location(), updated.location());
        ImportActor.diff(changes, "call_number", old.callNumber(), updated.callNumber());
        ImportActor.diff(changes, "price", old.price() == null ? null : old.price().toPlainString(),
                updated.price() == null ? null : updated.price().toPlainString());
        ImportActor.diff(changes, "status", old.status(), updated.status());
        ImportActor.diff(changes, "in_transit_to", old.inTransitTo(), updated.inTransitTo());
        if (changes.length() == 0) {
            return CsvImport.Written.of(CsvImport.Change.UNCHANGED);
        }
        tx.items().update(updated);
        actor.log(tx, EventType.ITEM_UPDATED, updated.homeLibrary(), null, old.id(), "imported (line " + line + "): " + changes);
        return CsvImport.Written.of(CsvImport.Change.UPDATED);
    }

    private record Parsed(Item item, String bibId) {
    }

    private Parsed parse(CsvRows.Row row, Set<String> libraries, ImportReport report) {
        String barcode = row.get("barcode").strip();
        if (!BARCODE.matcher(barcode).matches()) {
            report.reject(row.line(), "barcode must be 1-64 letters, digits, '-', '_' or '.'");
            return null;
        }
        String bibId = row.get("bib_id").strip();
        if (bibId.isEmpty() || bibId.length() > 64) {
            report.reject(row.line(), "bib_id (the MARC 001) is required, at most 64 characters");
            return null;
        }
        String type = row.get("item_type").strip();
        if (!itemTypes.contains(type)) {
            report.reject(row.line(), "unknown item type '" + type + "' in column item_type; the item types are "
                    + String.join(", ", new java.util.TreeSet<>(itemTypes)));
            return null;
        }
        String library = row.get("library").strip();
        if (!libraries.contains(library)) {
            report.reject(row.line(), actor.unknownLibrary(library));
            return null;
        }
        for (String field : List.of("location", "call_number")) {
            if (row.get(field).strip().length() > MAX_TEXT) {
                report.reject(row.line(), field + " longer than " + MAX_TEXT + " characters");
                return null;
            }
        }
        BigDecimal price = null;
        String priceText = row.get("price").strip();
        if (!priceText.isEmpty()) {
            try {
                price = new BigDecimal(priceText);
                if (price.signum() < 0 || price.scale() > 2 || price.precision() > 12) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                report.reject(row.line(), "price must be a non-negative amount like 24.95, got '" + priceText + "'");
                return null;
            }
        }
        ItemStatus status = ItemStatus.AVAILABLE;
        String statusText = row.get("status").strip();
        if (!statusText.isEmpty()) {
            try {
                status = ItemStatus.valueOf(statusText.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
            } catch (IllegalArgumentException e) {
                status = null;
            }
            if (status == null || !IMPORTABLE.contains(status)) {
                report.reject(row.line(), "status must be one of available, lost, missing, damaged, in_process, withdrawn; got '" + statusText + "'");
                return null;
            }
        }
        Item item = new Item(0, barcode, 0, type, library, library, PatronImporter.blankToNull(row.get("location")),
                PatronImporter.blankToNull(row.get("call_number")), price, status, null, null);
        return new Parsed(item, bibId);
    }
}
