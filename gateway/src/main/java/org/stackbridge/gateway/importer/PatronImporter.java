package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.security.SecretHasher;

/**
 * Imports patrons from CSV: {@code barcode,pin,name,category,library,email,phone,address,expires}.
 * Each row is its own transaction: a bad row is reported and skipped, never half-applied. An existing
 * barcode is updated (an empty pin keeps the old one).
 */
public final class PatronImporter {

    public static final List<String> COLUMNS = List.of("barcode", "pin", "name", "category", "library", "email", "phone", "address", "expires");
    private static final Pattern BARCODE = Pattern.compile("[\\p{Alnum}\\-_.]{1,64}");

    private final TransactionRunner storage;
    private final SecretHasher hasher;
    private final Set<String> categories;

    public PatronImporter(TransactionRunner storage, SecretHasher hasher, Set<String> categories) {
        this.storage = storage;
        this.hasher = hasher;
        this.categories = categories;
    }

    public ImportReport run(Path file, Progress progress) throws IOException {
        Set<String> libraries = Set.copyOf(storage.read(tx -> tx.libraries().all().stream().map(Library::code).toList()).join());
        return CsvImport.run(file, COLUMNS, progress, (row, report) -> {
            Patron candidate = parse(row, libraries, report);
            if (candidate == null) {
                return null;
            }
            String pin = row.fields().get(1).trim();
            return CompletableFuture.supplyAsync(() -> pin.isEmpty() ? null : hasher.hash(pin))
                    .thenCompose(hash -> storage.write(tx -> {
                        var existing = tx.patrons().byBarcode(candidate.barcode());
                        if (existing.isPresent()) {
                            Patron old = existing.get();
                            tx.patrons().update(new Patron(old.id(), candidate.barcode(), hash == null ? old.pinHash() : hash,
                                    candidate.name(), candidate.category(), candidate.email(), candidate.phone(), candidate.address(),
                                    candidate.expires(), candidate.homeLibrary(), old.cardLost(), old.birthDate(), old.noticePreference(),
                                    old.language()));
                            return false;
                        }
                        tx.patrons().insert(new Patron(0, candidate.barcode(), hash, candidate.name(), candidate.category(),
                                candidate.email(), candidate.phone(), candidate.address(), candidate.expires(), candidate.homeLibrary(), false));
                        return true;
                    }));
        });
    }

    private Patron parse(CsvReader.Row row, Set<String> libraries, ImportReport report) {
        List<String> f = row.fields();
        String barcode = f.get(0).trim();
        if (!BARCODE.matcher(barcode).matches()) {
            report.reject(row.line(), "barcode must be 1-64 letters, digits, '-', '_' or '.'");
            return null;
        }
        String name = f.get(2).trim();
        if (name.isEmpty()) {
            report.reject(row.line(), "name is required");
            return null;
        }
        String category = f.get(3).trim();
        if (!categories.contains(category)) {
            report.reject(row.line(), "unknown patron category '" + category + "' (configured: " + String.join(", ", categories) + ")");
            return null;
        }
        String library = f.get(4).trim();
        if (!libraries.contains(library)) {
            report.reject(row.line(), "unknown library '" + library + "'; add it first with: stackbridge library add");
            return null;
        }
        LocalDate expires = null;
        if (!f.get(8).isBlank()) {
            try {
                expires = LocalDate.parse(f.get(8).trim());
            } catch (DateTimeException e) {
                report.reject(row.line(), "expires must be a date YYYY-MM-DD, got '" + f.get(8).trim() + "'");
                return null;
            }
        }
        String pin = f.get(1).trim();
        if (pin.length() > 64) {
            report.reject(row.line(), "pin longer than 64 characters");
            return null;
        }
        return new Patron(0, barcode, null, name, category, blankToNull(f.get(5)), blankToNull(f.get(6)), blankToNull(f.get(7)),
                expires, library, false);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
