package org.stackbridge.core.catalogue;

/**
 * The Bib-1 attributes of one search term (types 1-6). A value of 0 means "not given"; the index applies
 * the Bib-1 defaults (relation 3 equal, position 3 any, structure word/phrase, truncation 100 none,
 * completeness 1 incomplete subfield).
 */
public record Attributes(int use, int relation, int position, int structure, int truncation, int completeness) {

    public static final int REL_LT = 1, REL_LE = 2, REL_EQ = 3, REL_GE = 4, REL_GT = 5, REL_NE = 6,
            REL_PHONETIC = 100, REL_STEM = 101, REL_RELEVANCE = 102, REL_ALWAYS = 103;
    public static final int POS_FIRST_IN_FIELD = 1, POS_FIRST_IN_SUBFIELD = 2, POS_ANY = 3;
    public static final int STR_PHRASE = 1, STR_WORD = 2, STR_KEY = 3, STR_YEAR = 4, STR_DATE = 5, STR_WORD_LIST = 6,
            STR_DATE_UN = 100, STR_NAME = 101, STR_NAME_UN = 102, STR_FREE_TEXT = 105, STR_DOCUMENT_TEXT = 106,
            STR_LOCAL_NUMBER = 107, STR_STRING = 108, STR_NUMERIC_STRING = 109;
    public static final int TRUNC_RIGHT = 1, TRUNC_LEFT = 2, TRUNC_BOTH = 3, TRUNC_NONE = 100, TRUNC_MASK = 101,
            TRUNC_REGEXP1 = 102, TRUNC_REGEXP2 = 103, TRUNC_Z3958 = 104;
    public static final int COMPL_INCOMPLETE = 1, COMPL_SUBFIELD = 2, COMPL_FIELD = 3;

    public static Attributes use(int use) {
        return new Attributes(use, 0, 0, 0, 0, 0);
    }

    public Attributes withUse(int u) {
        return new Attributes(u, relation, position, structure, truncation, completeness);
    }

    public Attributes withRelation(int r) {
        return new Attributes(use, r, position, structure, truncation, completeness);
    }

    public Attributes withPosition(int p) {
        return new Attributes(use, relation, p, structure, truncation, completeness);
    }

    public Attributes withStructure(int s) {
        return new Attributes(use, relation, position, s, truncation, completeness);
    }

    public Attributes withTruncation(int t) {
        return new Attributes(use, relation, position, structure, t, completeness);
    }

    public Attributes withCompleteness(int c) {
        return new Attributes(use, relation, position, structure, truncation, c);
    }
}
