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

    /**
     * Lower case without accents or surrounding spaces: how names and e-mails are kept for search; null stays null.
     * Accents are removed by decomposing (NFD) and dropping the combining marks, so "Müller" and "José" fold to
     * "muller" and "jose"; the letters that do not decompose are spelled out: ß as ss, æ as ae, œ as oe, ø as o,
     * ł as l, đ as d, þ as th. Storage keeps this form in its search keys (JDBC: {@code name_key}, {@code email_key},
     * recomputed for existing patrons by migration V24 whenever this rule changes).
     */
    public static String fold(String s) {
        if (s == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(s.strip(), Normalizer.Form.NFD);
        String lower = decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            switch (c) {
                case '\u00df' -> out.append("ss");   // ß
                case '\u00e6' -> out.append("ae");   // æ
                case '\u0153' -> out.append("oe");   // œ
                case '\u00f8' -> out.append('o');    // ø
                case '\u0142' -> out.append('l');    // ł
                case '\u0111' -> out.append('d');    // đ
                case '\u00fe' -> out.append("th");   // þ
                default -> out.append(c);
            }
        }
        return out.toString();
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
