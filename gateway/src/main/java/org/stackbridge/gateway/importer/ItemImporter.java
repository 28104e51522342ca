package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.port.TransactionRunner;

/**
 * Imports items from CSV: {@code barcode,bib_id,item_type,library,location,call_number,price,status}, where
 * {@code bib_id} is the MARC 001 of an imported record. One transaction per row; an existing barcode is
 * updated unless the item is on loan.
 */
public final class ItemImporter {

    public static final List<String> COLUMNS = List.of("barcode", "bib_id", "item_type", "library", "location", "call_number", "price", "status");
    private static final Pattern BARCODE = Pattern.compile("[\\p{Alnum}\\-_.]{1,64}");
    private static final Set<ItemStatus> IMPORTABLE = Set.of(ItemStatus.AVAILABLE, ItemStatus.LOST, ItemStatus.MISSING,
            ItemStatus.DAMAGED, ItemStatus.IN_PROCESS, ItemStatus.WITHDRAWN);

    private final TransactionRunner storage;
    private final Set<String> itemTypes;

    public ItemImporter(TransactionRunner storage, Set<String> itemTypes) {
        this.storage = storage;
        this.itemTypes = itemTypes;
    }

    /** Thrown inside a row's transaction to reject it with a reason (the transaction rolls back). */
    static final class RowRejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowRejected(String reason) {
            super(reason, null, false, false);
        }
    }

    public ImportReport run(Path file, Progress progress) throws IOException {
        Set<String> libraries = Set.copyOf(storage.read(tx -> tx.libraries().all().stream().map(Library::code).toList()).join());
        return CsvImport.run(file, COLUMNS, progress, (row, report) -> {
            Parsed p = parse(row, libraries, report);
            if (p == null) {
                return null;
            }
            return storage.write(tx -> {
                BibRecord bib = tx.bibs().byControlNumber(p.bibId)
                        .orElseThrow(() -> new RowRejected("unknown bib_id '" + p.bibId + "'; import its MARC record first"));
                var existing = tx.items().byBarcode(p.item.barcode());
                Item fresh = new Item(0, p.item.barcode(), bib.id(), p.item.itemType(), p.item.homeLibrary(), p.item.homeLibrary(),
                        p.item.location(), p.item.callNumber(), p.item.price(), p.item.status(), null, null);
                if (existing.isPresent()) {
                    Item old = existing.get();
                    if (tx.loans().openForItem(old.id()).isPresent()) {
                        throw new RowRejected("item " + old.barcode() + " is on loan; check it in before re-importing");
                    }
                    tx.items().update(fresh.withId(old.id()));
                    return false;
                }
                tx.items().insert(fresh);
                return true;
            });
        });
    }

    private record Parsed(Item item, String bibId) {
    }

    private Parsed parse(CsvReader.Row row, Set<String> libraries, ImportReport report) {
        List<String> f = row.fields();
        String barcode = f.get(0).trim();
        if (!BARCODE.matcher(barcode).matches()) {
            report.reject(row.line(), "barcode must be 1-64 letters, digits, '-', '_' or '.'");
            return null;
        }
        String bibId = f.get(1).trim();
        if (bibId.isEmpty()) {
            report.reject(row.line(), "bib_id (the MARC 001) is required");
            return null;
        }
        String type = f.get(2).trim();
        if (!itemTypes.contains(type)) {
            report.reject(row.line(), "unknown item type '" + type + "' (configured: " + String.join(", ", itemTypes) + ")");
            return null;
        }
        String library = f.get(3).trim();
        if (!libraries.contains(library)) {
            report.reject(row.line(), "unknown library '" + library + "'; add it first with: stackbridge library add");
            return null;
        }
        BigDecimal price = null;
        if (!f.get(6).isBlank()) {
            try {
                price = new BigDecimal(f.get(6).trim());
                if (price.signum() < 0 || price.scale() > 2 || price.precision() > 12) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                report.reject(row.line(), "price must be a non-negative amount like 24.95, got '" + f.get(6).trim() + "'");
                return null;
            }
        }
        ItemStatus status = ItemStatus.AVAILABLE;
        if (!f.get(7).isBlank()) {
            try {
                status = ItemStatus.valueOf(f.get(7).trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
            } catch (IllegalArgumentException e) {
                status = null;
            }
            if (status == null || !IMPORTABLE.contains(status)) {
                report.reject(row.line(), "status must be one of available, lost, missing, damaged, in_process, withdrawn; got '" + f.get(7).trim() + "'");
                return null;
            }
        }
        Item item = new Item(0, barcode, 0, type, library, library, PatronImporter.blankToNull(f.get(4)),
                PatronImporter.blankToNull(f.get(5)), price, status, null, null);
        return new Parsed(item, bibId);
    }
}
