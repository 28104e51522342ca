package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
    private static final int WINDOW = 256;

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
        ImportReport report = new ImportReport(file.toString(), "line");
        Set<String> libraries = Set.copyOf(storage.read(tx -> tx.libraries().all().stream().map(Library::code).toList()).join());
        long size = Math.max(1, Files.size(file));
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        try (var counting = new CountingInputStream(Files.newInputStream(file));
             CsvReader csv = new CsvReader(new InputStreamReader(counting, decoder))) {
            CsvReader.Row row;
            boolean first = true;
            while ((row = PatronImporter.nextRow(csv, report)) != null) {
                progress.at(counting.count() * 100 / size);
                if (first) {
                    first = false;
                    if (row.ok() && !row.fields().isEmpty() && row.fields().get(0).trim().equalsIgnoreCase("barcode")) {
                        if (!row.fields().stream().map(String::trim).toList().equals(COLUMNS)) {
                            report.reject(row.line(), "header must be " + String.join(",", COLUMNS));
                            return report;
                        }
                        continue;
                    }
                }
                Parsed p = parse(row, libraries, report);
                if (p == null) {
                    continue;
                }
                int line = row.line();
                inFlight.add(storage.write(tx -> {
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
                }).handle((isNew, e) -> {
                    if (e != null) {
                        report.reject(line, PatronImporter.rootMessage(e));
                    } else if (isNew) {
                        report.added();
                    } else {
                        report.updated();
                    }
                    return null;
                }));
                if (inFlight.size() >= WINDOW) {
                    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                    inFlight.clear();
                }
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        progress.finish();
        return report;
    }

    private record Parsed(Item item, String bibId) {
    }

    private Parsed parse(CsvReader.Row row, Set<String> libraries, ImportReport report) {
        if (!row.ok()) {
            report.reject(row.line(), row.problem());
            return null;
        }
        List<String> f = row.fields();
        if (f.size() != COLUMNS.size()) {
            report.reject(row.line(), "expected " + COLUMNS.size() + " columns (" + String.join(",", COLUMNS) + "), found " + f.size());
            return null;
        }
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
