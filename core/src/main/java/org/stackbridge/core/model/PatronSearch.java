package org.stackbridge.core.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A patron search: every criterion given (non-null) must match. {@code barcode} matches the barcode exactly;
 * {@code name} and {@code email} match the start of the folded name or e-mail ({@link #fold}: case and accents
 * ignored); {@code phone} matches the start of the number's digits ({@link #digits}); {@code q} matches any of these.
 * Storage answers through indexes on the folded keys, never by reading every patron.
 */
public record PatronSearch(String q, String name, String barcode, String email, String phone) {

    public boolean isEmpty() {
        return q == null && name == null && barcode == null && email == null && phone == null;
    }

    /** Lower case without accents or surrounding spaces: how names and e-mails are kept for search; null stays null. */
    public static String fold(String s) {
        if (s == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(s.strip(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /** The digits of a phone number ({@code +1 (555) 010-2} gives {@code 15550102}); null stays null. */
    public static String digits(String s) {
        return s == null ? null : s.replaceAll("[^0-9]", "");
    }

    /** Whether {@code p} matches this search (the rule storage implements with its indexes). */
    public boolean matches(Patron p) {
        return (barcode == null || barcode.equals(p.barcode()))
                && (name == null || startsWith(fold(p.name()), fold(name)))
                && (email == null || startsWith(fold(p.email()), fold(email)))
                && (phone == null || startsWith(digits(p.phone()), digits(phone)))
                && (q == null || q.equals(p.barcode()) || startsWith(fold(p.name()), fold(q)) || startsWith(fold(p.email()), fold(q))
                    || (phoneDigits(q) != null && startsWith(digits(p.phone()), phoneDigits(q))));
    }

    /** The digits of {@code q} when it looks like a phone number (digits, spaces, + ( ) . / -, at least 3 digits), else null. */
    public static String phoneDigits(String q) {
        if (q == null || !q.matches("[0-9 +()./-]+")) {
            return null;
        }
        String d = digits(q);
        return d.length() >= 3 ? d : null;
    }

    private static boolean startsWith(String value, String prefix) {
        return value != null && prefix != null && value.startsWith(prefix);
    }
}
