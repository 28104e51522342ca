package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Pattern;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.security.StoredHashes;

/**
 * Imports patrons from CSV with a header naming the columns (any order): {@code barcode}, {@code name},
 * {@code category}, {@code library} are required; {@code pin}, {@code email}, {@code phone}, {@code address},
 * {@code birth_date}, {@code notice_preference} (email, print, none), {@code language},
 * {@code expires} optional. A PIN is hashed on the hash pool (every core), unless it already is a hash in our format
 * ({@code pbkdf2-sha256$...}) or bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}, as Koha exports it): those are
 * stored as they are. Rows are written in file order, a batch per transaction. An existing barcode is updated (an
 * empty pin keeps the old one); every change is logged with the values before and after (a PIN only as "changed").
 */
public final class PatronImporter implements CsvImporter {

    public static final List<String> COLUMNS = List.of("barcode", "pin", "name", "category", "library", "email", "phone", "address", "expires",
            "birth_date", "notice_preference", "language");
    static final CsvImport.Columns SPEC = new CsvImport.Columns(COLUMNS, List.of("barcode", "name", "category", "library"));
    public static final int DEFAULT_BATCH = 200;
    private static final Pattern BARCODE = Pattern.compile("[\\p{Alnum}\\-_.]{1,64}");
    private static final int MAX_PIN = 64;
    private static final int MAX_NAME = 255;
    private static final java.util.Map<String, Integer> MAX_LENGTH = java.util.Map.of("email", 255, "phone", 64, "address", 1000);

    private final TransactionRunner storage;
    private final SecretHasher hasher;
    private final Set<String> categories;
    private final Executor hashPool;
    private final ImportActor actor;
    private final int batchSize;

    /** For the command line without a gateway: hashes on the common pool, logs as the CLI user. */
    public PatronImporter(TransactionRunner storage, SecretHasher hasher, Set<String> categories) {
        this(storage, hasher, categories, ForkJoinPool.commonPool(), ImportActor.cli(Clock.systemUTC()), DEFAULT_BATCH);
    }

    public PatronImporter(TransactionRunner storage, SecretHasher hasher, Set<String> categories, Executor hashPool, ImportActor actor,
                          int batchSize) {
        this.storage = storage;
        this.hasher = hasher;
        this.categories = categories;
        this.hashPool = hashPool;
        this.actor = actor;
        this.batchSize = batchSize;
    }

    @Override
    public void run(Path file, ImportReport report) throws IOException {
        Set<String> libraries = actor.libraries(storage);
        CsvImport.run(file, SPEC, report, storage, batchSize, new CsvImport.RowStore<Patron>() {
            @Override
            public CompletableFuture<Patron> prepare(CsvRows.Row row, ImportReport r) {
                Patron candidate = parse(row, libraries, r);
                if (candidate == null) {
                    return null;
                }
                String pin = row.get("pin").strip();
                if (pin.isEmpty() || StoredHashes.isStoredHash(pin)) {
                    return CompletableFuture.completedFuture(candidate);
                }
                return CompletableFuture.supplyAsync(() -> withPin(candidate, hasher.hash(pin)), hashPool);
            }

            @Override
            public CsvImport.Written write(StoreTx tx, Patron p, long line) {
                return store(tx, p, line, libraries);
            }
        });
    }

    private CsvImport.Written store(StoreTx tx, Patron candidate, long line, Set<String> libraries) {
        var existing = tx.patrons().byBarcode(candidate.barcode());
        if (existing.isEmpty()) {
            Patron stored = tx.patrons().insert(candidate);
            actor.log(tx, EventType.PATRON_CREATED, stored.homeLibrary(), stored.id(), null,
                    "imported (line " + line + "): " + stored.name() + ", " + stored.category() + ", " + stored.homeLibrary());
            return CsvImport.Written.of(CsvImport.Change.ADDED);
        }
        Patron old = existing.get();
        if (!libraries.contains(old.homeLibrary())) {
            return CsvImport.Written.rejected("patron " + old.barcode() + " belongs to library " + old.homeLibrary()
                    + ", outside institution " + actor.who().institution());
        }
        // a blank birth date, notice preference or language keeps what the patron has (a file without those columns
        // must not wipe what staff entered)
        Patron updated = new Patron(old.id(), candidate.barcode(), candidate.pinHash() == null ? old.pinHash() : candidate.pinHash(),
                candidate.name(), candidate.category(), candidate.email(), candidate.phone(), candidate.address(),
                candidate.expires(), candidate.homeLibrary(), old.cardLost(),
                candidate.birthDate() == null ? old.birthDate() : candidate.birthDate(),
                explicitPreference(candidate) ? candidate.noticePreference() : old.noticePreference(),
                candidate.language() == null ? old.language() : candidate.language());
        StringBuilder changes = new StringBuilder();
        ImportActor.diff(changes, "name", old.name(), updated.name());
        ImportActor.diff(changes, "category", old.category(), updated.category());
        ImportActor.diff(changes, "library", old.homeLibrary(), updated.homeLibrary());
        ImportActor.diff(changes, "email", old.email(), updated.email());
        ImportActor.diff(changes, "phone", old.phone(), updated.phone());
        ImportActor.diff(changes, "address", old.address(), updated.address());
        ImportActor.diff(changes, "expires", old.expires(), updated.expires());
        ImportActor.diff(changes, "birth_date", old.birthDate(), updated.birthDate());
        ImportActor.diff(changes, "notice_preference", old.noticePreference(), updated.noticePreference());
        ImportActor.diff(changes, "language", old.language(), updated.language());
        if (!java.util.Objects.equals(old.pinHash(), updated.pinHash())) {
            changes.append(changes.length() > 0 ? "; " : "").append("pin: changed");
        }
        if (changes.length() == 0) {
            return CsvImport.Written.of(CsvImport.Change.UNCHANGED);
        }
        tx.patrons().update(updated);
        actor.log(tx, EventType.PATRON_UPDATED, updated.homeLibrary(), old.id(), null, "imported (line " + line + "): " + changes);
        return CsvImport.Written.of(CsvImport.Change.UPDATED);
    }

    private static Patron withPin(Patron p, String hash) {
        return new Patron(p.id(), p.barcode(), hash, p.name(), p.category(), p.email(), p.phone(), p.address(), p.expires(),
                p.homeLibrary(), p.cardLost(), p.birthDate(), p.noticePreference(), p.language());
    }

    private Patron parse(CsvRows.Row row, Set<String> libraries, ImportReport report) {
        String barcode = row.get("barcode").strip();
        if (!BARCODE.matcher(barcode).matches()) {
            report.reject(row.line(), "barcode must be 1-64 letters, digits, '-', '_' or '.'");
            return null;
        }
        String name = row.get("name").strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            report.reject(row.line(), "name is required (at most " + MAX_NAME + " characters)");
            return null;
        }
        String category = row.get("category").strip();
        if (!categories.contains(category)) {
            report.reject(row.line(), "unknown patron category '" + category + "' in column category; the patron categories are "
                    + String.join(", ", new java.util.TreeSet<>(categories)));
            return null;
        }
        String library = row.get("library").strip();
        if (!libraries.contains(library)) {
            report.reject(row.line(), actor.unknownLibrary(library));
            return null;
        }
        LocalDate expires = null;
        if (!row.get("expires").isBlank()) {
            try {
                expires = LocalDate.parse(row.get("expires").strip());
            } catch (DateTimeException e) {
                report.reject(row.line(), "expires must be a date YYYY-MM-DD, got '" + row.get("expires").strip() + "'");
                return null;
            }
        }
        String pin = row.get("pin").strip();
        if (pin.length() > MAX_PIN && !StoredHashes.isStoredHash(pin)) {
            report.reject(row.line(), "pin longer than " + MAX_PIN + " characters (and not a pbkdf2-sha256 or bcrypt hash)");
            return null;
        }
        for (String field : List.of("email", "phone", "address")) {
            if (row.get(field).strip().length() > MAX_LENGTH.get(field)) {
                report.reject(row.line(), field + " longer than " + MAX_LENGTH.get(field) + " characters");
                return null;
            }
        }
        LocalDate birthDate = null;
        if (!row.get("birth_date").isBlank()) {
            try {
                birthDate = LocalDate.parse(row.get("birth_date").strip());
            } catch (DateTimeException e) {
                report.reject(row.line(), "birth_date must be a date YYYY-MM-DD, got '" + row.get("birth_date").strip() + "'");
                return null;
            }
        }
        String email = blankToNull(row.get("email"));
        NoticePreference preference = NoticePreference.defaultFor(email);
        String asked = row.get("notice_preference").strip();
        if (!asked.isEmpty()) {
            java.util.Optional<NoticePreference> p = NoticePreference.parse(asked);
            if (p.isEmpty()) {
                report.reject(row.line(), "notice_preference must be email, print or none, got '" + asked + "'");
                return null;
            }
            preference = p.get();
            explicitPreferences.add(barcode);
        }
        String language = blankToNull(row.get("language"));
        if (language != null && !language.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?")) {
            report.reject(row.line(), "language must be a language tag such as en or fr-CA, got '" + language + "'");
            return null;
        }
        String stored = StoredHashes.isStoredHash(pin) ? pin : null;
        return new Patron(0, barcode, stored, name, category, email, blankToNull(row.get("phone")),
                blankToNull(row.get("address")), expires, library, false, birthDate, preference, language);
    }

    /** Barcodes whose line named a notice preference (else an update keeps the patron's own). */
    private final Set<String> explicitPreferences = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private boolean explicitPreference(Patron candidate) {
        return explicitPreferences.contains(candidate.barcode());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String rootMessage(Throwable e) {
        return CsvImport.rootMessage(e);
    }
}
