package org.stackbridge.core.catalogue;

import java.util.Locale;
import java.util.Optional;

/**
 * What a staff member types into one catalogue search box, as a query over the index Z39.50 and SRU search: an ISBN
 * (10 or 13 digits, hyphens and spaces allowed) searches the ISBN index (Bib-1 use 7); anything else is a list of
 * words that must all occur somewhere in the record (use 1016 "any", word list), each word also matching as the start
 * of a longer one ({@code pott} finds {@code Potter}).
 */
public final class KeywordQuery {

    /** Longest search text accepted. */
    public static final int MAX_LENGTH = 200;

    private static final int USE_ISBN = 7;
    private static final int USE_ANY = 1016;

    private KeywordQuery() {
    }

    /** The query for {@code text}; empty when the text is blank, too long or holds control characters. */
    public static Optional<CatalogueQuery> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > MAX_LENGTH || t.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        if (isIsbn(t)) {
            return Optional.of(new CatalogueQuery.Term(Attributes.use(USE_ISBN), t.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT)));
        }
        return Optional.of(new CatalogueQuery.Term(Attributes.use(USE_ANY).withStructure(Attributes.STR_WORD_LIST)
                .withTruncation(Attributes.TRUNC_RIGHT), t));
    }

    /** Ten characters (the last may be X) or thirteen digits once hyphens and spaces are dropped. */
    static boolean isIsbn(String t) {
        String n = t.replace("-", "").replace(" ", "");
        return n.matches("\\d{9}[\\dXx]") || n.matches("97[89]\\d{10}");
    }
}
