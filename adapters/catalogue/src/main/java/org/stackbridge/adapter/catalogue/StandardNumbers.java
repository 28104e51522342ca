package org.stackbridge.adapter.catalogue;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** ISBN/ISSN normalisation: first token, no hyphens or spaces, upper-case X; ISBN-10 and ISBN-13 forms. */
public final class StandardNumbers {

    private StandardNumbers() {
    }

    /** First whitespace-delimited token with hyphens removed, upper-cased; empty when none. */
    public static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String t = raw.strip();
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp)) && t.charAt(sp) != '(') {
            sp++;
        }
        return t.substring(0, sp).replace("-", "").replace("\u2010", "").toUpperCase(Locale.ROOT);
    }

    /** All forms an ISBN is found by: the cleaned value plus the 10/13-digit equivalent when valid. */
    public static Set<String> isbnForms(String raw) {
        String c = clean(raw);
        Set<String> out = new LinkedHashSet<>();
        if (c.isEmpty()) {
            return out;
        }
        out.add(c);
        if (c.length() == 10 && validIsbn10(c)) {
            out.add(toIsbn13(c));
        } else if (c.length() == 13 && c.startsWith("978") && validIsbn13(c)) {
            out.add(toIsbn10(c));
        }
        return out;
    }

    public static boolean validIsbn10(String s) {
        if (!s.matches("[0-9]{9}[0-9X]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int d = s.charAt(i) == 'X' ? 10 : s.charAt(i) - '0';
            sum += d * (10 - i);
        }
        return sum % 11 == 0;
    }

    public static boolean validIsbn13(String s) {
        if (!s.matches("[0-9]{13}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (s.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return sum % 10 == 0;
    }

    public static String toIsbn13(String isbn10) {
        return org.stackbridge.core.model.BibIdentifier.isbn13(isbn10);
    }

    public static String toIsbn10(String isbn13) {
        String core = isbn13.substring(3, 12);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (core.charAt(i) - '0') * (10 - i);
        }
        int check = (11 - sum % 11) % 11;
        return core + (check == 10 ? "X" : Integer.toString(check));
    }

    /** ISSN: the cleaned value (hyphen removed). */
    public static String issn(String raw) {
        return clean(raw);
    }
}
