package org.stackbridge.adapter.catalogue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text normalisation shared by indexing and searching, as Zebra's ICU chain does it ("nfd; remove
 * non-spacing marks; lower"): decompose, drop combining marks, lower-case, and split into words at every
 * character that is not a letter or digit.
 */
public final class TextFolding {

    private TextFolding() {
    }

    public static String fold(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        String d = ascii ? s : Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                continue;
            }
            switch (c) {
                case 'ß' -> b.append("ss");
                case 'æ' -> b.append("ae");
                case 'Æ' -> b.append("ae");
                case 'ø', 'Ø' -> b.append('o');
                case 'đ', 'Đ' -> b.append('d');
                case 'ł', 'Ł' -> b.append('l');
                case 'œ', 'Œ' -> b.append("oe");
                case 'þ', 'Þ' -> b.append("th");
                default -> b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    public static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c);
    }

    /** Folded words of {@code s}. */
    public static List<String> words(String s) {
        return split(fold(s), "");
    }

    /** Folded words, keeping the given extra characters (wildcards) inside words. */
    public static List<String> split(String folded, String keep) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            boolean w = isWordChar(c) || keep.indexOf(c) >= 0;
            if (w && start < 0) {
                start = i;
            } else if (!w && start >= 0) {
                out.add(folded.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            out.add(folded.substring(start));
        }
        return out;
    }

    /** The complete-field (phrase register) form: folded words joined by single spaces. */
    public static String phrase(String s) {
        return String.join(" ", words(s));
    }
}
