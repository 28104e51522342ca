package org.stackbridge.gateway.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.port.TransactionRunner;

/** The checks a fetched record passes before it is added to the local catalogue. */
public final class CopyCataloguing {

    private CopyCataloguing() {
    }

    /** Problems that forbid adding the record (missing 001/245, an ISBN with a wrong check digit). */
    public static List<String> problems(Record r) {
        List<String> out = new ArrayList<>();
        if (controlNumber(r) == null) {
            out.add("required field 001 (control number) is missing");
        }
        if (r.getVariableField("245") == null) {
            out.add("required field 245 (title) is missing");
        }
        for (String isbn : isbns(r)) {
            String n = normaliseIsbn(isbn);
            if (n == null || !isbnValid(n)) {
                out.add("ISBN " + isbn + " has an invalid check digit or length");
            }
        }
        return out;
    }

    /** Local bibs that duplicate the record: same 001, or a shared normalised ISBN (ISBN-10 compared as ISBN-13). */
    public static List<String> duplicates(TransactionRunner storage, Record r) {
        String control = controlNumber(r);
        List<String> keys = new ArrayList<>();
        for (String isbn : isbns(r)) {
            String n = normaliseIsbn(isbn);
            if (n != null && isbnValid(n)) {
                keys.add(toIsbn13(n));
            }
        }
        return storage.read(tx -> {
            List<String> dups = new ArrayList<>();
            if (control != null) {
                tx.bibs().byControlNumber(control).ifPresent(b -> dups.add("001 " + control + " is already bib " + b.controlNumber()
                        + " \"" + b.title() + "\""));
            }
            if (!keys.isEmpty()) {
                // Bibs has no ISBN lookup: a paged scan is fine for an interactive, one-record import.
                long after = 0;
                while (true) {
                    List<BibRecord> page = tx.bibs().page(after, 1000);
                    if (page.isEmpty()) {
                        break;
                    }
                    for (BibRecord b : page) {
                        String n = b.isbn() == null ? null : normaliseIsbn(b.isbn());
                        if (n != null && isbnValid(n) && keys.contains(toIsbn13(n)) && !b.controlNumber().equals(control)) {
                            dups.add("ISBN " + b.isbn() + " is already bib " + b.controlNumber() + " \"" + b.title() + "\"");
                        }
                    }
                    after = page.get(page.size() - 1).id();
                }
            }
            return dups;
        }).toCompletableFuture().join();
    }

    /** Short display lines: 001, title, author, ISBNs. */
    public static List<String> describe(Record r) {
        List<String> out = new ArrayList<>();
        out.add("001    " + String.valueOf(controlNumber(r)));
        out.add("title  " + String.valueOf(subfields(r, "245", "abnp")));
        String author = subfields(r, "100", "a");
        if (author == null) {
            author = subfields(r, "110", "a");
        }
        out.add("author " + (author == null ? "-" : author));
        out.add("ISBN   " + (isbns(r).isEmpty() ? "-" : String.join(", ", isbns(r))));
        return out;
    }

    static String controlNumber(Record r) {
        ControlField f = (ControlField) r.getVariableField("001");
        return f == null || f.getData().isBlank() ? null : f.getData().trim();
    }

    static List<String> isbns(Record r) {
        List<String> out = new ArrayList<>();
        for (var vf : r.getVariableFields("020")) {
            Subfield a = ((DataField) vf).getSubfield('a');
            if (a != null && !a.getData().isBlank()) {
                out.add(a.getData().trim().split("\\s")[0]);
            }
        }
        return out;
    }

    private static String subfields(Record r, String tag, String codes) {
        DataField f = (DataField) r.getVariableField(tag);
        if (f == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Subfield s : f.getSubfields()) {
            if (codes.indexOf(s.getCode()) >= 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(s.getData().trim());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Digits (and a final X) of an ISBN with hyphens and spaces removed; null when it is not 10 or 13 long. */
    public static String normaliseIsbn(String isbn) {
        String s = isbn.trim().split("\\s")[0].replace("-", "").toUpperCase(Locale.ROOT);
        if (s.matches("\\d{9}[\\dX]") || s.matches("\\d{13}")) {
            return s;
        }
        return null;
    }

    /** The ISBN check digit rule of core's {@code RecordVerification}, which the staff API's imports also apply. */
    public static boolean isbnValid(String n) {
        return org.stackbridge.core.policy.RecordVerification.isbnValid(n);
    }

    static String toIsbn13(String n) {
        if (n.length() == 13) {
            return n;
        }
        String core = "978" + n.substring(0, 9);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (core.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return core + (10 - sum % 10) % 10;
    }
}
