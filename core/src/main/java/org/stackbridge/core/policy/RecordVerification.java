package org.stackbridge.core.policy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.MarcFields;

/**
 * The checks a bibliographic record passes before it joins the catalogue (added by hand, overlaid, or copied from a
 * remote target): required fields, ISBN and ISSN check digits, and duplicates in our catalogue by ISBN, LCCN and OCLC
 * number. Errors forbid the record; duplicates are reported and forbid it unless the cataloguer allows them.
 */
public final class RecordVerification {

    /** The names of the checks, in the order they run; the report lists them. */
    public static final List<String> CHECKS = List.of("required-fields", "isbn-check-digits", "issn-check-digits",
            "duplicate-isbn", "duplicate-lccn", "duplicate-oclc");

    /** Fields every record needs: the title statement and the fixed-length data elements. */
    public static final List<String> REQUIRED_FIELDS = List.of("245", "008");

    private RecordVerification() {
    }

    /** One problem found: the check, the MARC field it is about, and what is wrong. */
    public record Finding(String check, String field, String detail) implements Serializable {
    }

    /** A record of ours that shares a standard identifier with the checked one. */
    public record Duplicate(String identifier, String value, String controlNumber, String title) implements Serializable {
    }

    /** What the checks found; {@code checks} are the names of the checks that ran. */
    public record Report(List<String> checks, List<Finding> errors, List<Duplicate> duplicates) implements Serializable {
        public Report {
            checks = List.copyOf(checks);
            errors = List.copyOf(errors);
            duplicates = List.copyOf(duplicates);
        }

        public boolean passed() {
            return errors.isEmpty() && duplicates.isEmpty();
        }
    }

    /**
     * Checks {@code bib} (its ISO 2709 record); {@code catalogue} finds our bibs by a standard identifier. A bib with
     * the same control number as {@code self} (the record being overlaid) is no duplicate.
     */
    public static Report verify(BibRecord bib, String self, Function<BibIdentifier, List<BibRecord>> catalogue) {
        List<Finding> errors = new ArrayList<>();
        List<MarcFields.Field> fields = MarcFields.of(bib.marc());
        if (fields.isEmpty()) {
            errors.add(new Finding("required-fields", "leader", "the record has no readable MARC fields"));
        }
        for (String tag : REQUIRED_FIELDS) {
            if (fields.stream().noneMatch(f -> f.tag().equals(tag))) {
                errors.add(new Finding("required-fields", tag, "required field " + tag + " is missing"));
            }
        }
        fields.stream().filter(f -> f.tag().equals("245") && f.subfield('a') == null).findFirst()
                .ifPresent(f -> errors.add(new Finding("required-fields", "245", "245 has no title ($a)")));
        fields.stream().filter(f -> f.tag().equals("008") && f.data().length() != 40).findFirst()
                .ifPresent(f -> errors.add(new Finding("required-fields", "008", "008 must be 40 characters, is " + f.data().length())));
        for (MarcFields.Field f : fields) {
            String a = f.tag().equals("020") || f.tag().equals("022") ? f.subfield('a') : null;
            if (a == null) {
                continue;
            }
            String value = a.trim().split("[\\s(]", 2)[0];
            if (f.tag().equals("020") && !isbnValid(value)) {
                errors.add(new Finding("isbn-check-digits", "020", "ISBN " + value + " has a wrong check digit or length"));
            }
            if (f.tag().equals("022") && !issnValid(value)) {
                errors.add(new Finding("issn-check-digits", "022", "ISSN " + value + " has a wrong check digit or length"));
            }
        }
        List<Duplicate> duplicates = new ArrayList<>();
        for (BibIdentifier id : BibIdentifier.of(bib)) {
            if (id.type() == BibIdentifier.Type.ISSN || id.type() == BibIdentifier.Type.LOCAL) {
                continue;
            }
            if (id.type() == BibIdentifier.Type.ISBN && !isbnValid(id.value())) {
                continue;
            }
            for (BibRecord other : catalogue.apply(id)) {
                if (!other.controlNumber().equals(self)) {
                    duplicates.add(new Duplicate(id.type().name(), id.value(), other.controlNumber(), other.title()));
                }
            }
        }
        return new Report(CHECKS, errors, duplicates);
    }

    /** ISBN-10 or ISBN-13 (hyphens and spaces allowed) with a right check digit. */
    public static boolean isbnValid(String isbn) {
        String n = isbn.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (n.matches("\\d{9}[\\dX]")) {
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += (n.charAt(i) == 'X' ? 10 : n.charAt(i) - '0') * (10 - i);
            }
            return sum % 11 == 0;
        }
        if (n.matches("\\d{13}")) {
            int sum = 0;
            for (int i = 0; i < 13; i++) {
                sum += (n.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
            }
            return sum % 10 == 0;
        }
        return false;
    }

    /** ISSN (with or without its hyphen) with a right check digit. */
    public static boolean issnValid(String issn) {
        String n = issn.replace("-", "").toUpperCase(Locale.ROOT);
        if (!n.matches("\\d{7}[\\dX]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (n.charAt(i) - '0') * (8 - i);
        }
        int check = (11 - sum % 11) % 11;
        return (check == 10 ? 'X' : (char) ('0' + check)) == n.charAt(7);
    }
}
