package org.stackbridge.adapter.catalogue;

import static org.stackbridge.core.catalogue.Attributes.COMPL_FIELD;
import static org.stackbridge.core.catalogue.Attributes.COMPL_INCOMPLETE;
import static org.stackbridge.core.catalogue.Attributes.COMPL_SUBFIELD;
import static org.stackbridge.core.catalogue.Attributes.POS_ANY;
import static org.stackbridge.core.catalogue.Attributes.POS_FIRST_IN_FIELD;
import static org.stackbridge.core.catalogue.Attributes.POS_FIRST_IN_SUBFIELD;
import static org.stackbridge.core.catalogue.Attributes.REL_ALWAYS;
import static org.stackbridge.core.catalogue.Attributes.REL_EQ;
import static org.stackbridge.core.catalogue.Attributes.REL_GE;
import static org.stackbridge.core.catalogue.Attributes.REL_GT;
import static org.stackbridge.core.catalogue.Attributes.REL_LE;
import static org.stackbridge.core.catalogue.Attributes.REL_LT;
import static org.stackbridge.core.catalogue.Attributes.REL_NE;
import static org.stackbridge.core.catalogue.Attributes.REL_RELEVANCE;
import static org.stackbridge.core.catalogue.Attributes.STR_DATE;
import static org.stackbridge.core.catalogue.Attributes.STR_DATE_UN;
import static org.stackbridge.core.catalogue.Attributes.STR_DOCUMENT_TEXT;
import static org.stackbridge.core.catalogue.Attributes.STR_FREE_TEXT;
import static org.stackbridge.core.catalogue.Attributes.STR_KEY;
import static org.stackbridge.core.catalogue.Attributes.STR_LOCAL_NUMBER;
import static org.stackbridge.core.catalogue.Attributes.STR_NAME;
import static org.stackbridge.core.catalogue.Attributes.STR_NAME_UN;
import static org.stackbridge.core.catalogue.Attributes.STR_NUMERIC_STRING;
import static org.stackbridge.core.catalogue.Attributes.STR_PHRASE;
import static org.stackbridge.core.catalogue.Attributes.STR_STRING;
import static org.stackbridge.core.catalogue.Attributes.STR_WORD;
import static org.stackbridge.core.catalogue.Attributes.STR_WORD_LIST;
import static org.stackbridge.core.catalogue.Attributes.STR_YEAR;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_BOTH;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_LEFT;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_MASK;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_NONE;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_REGEXP1;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_REGEXP2;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_RIGHT;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_Z3958;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.stackbridge.core.catalogue.Attributes;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
/**
 * Bib-1 query translation: a core {@link CatalogueQuery} (Bib-1 attribute types 1-6 per term) to a Lucene query
 * over the registers {@link LuceneCatalogueIndex} writes ({@code w.<index>} words, {@code p.<index>} complete
 * field). Attribute values are the named constants of {@link Attributes} and {@link #USE_ANY} etc.; unsupported
 * values are Bib-1 diagnostics (114, 117-122, 125, 31).
 */
final class Bib1QueryTranslation {

    /** Use attributes (type 1) this class names; the index behind each comes from {@link Bib1Mapping}. */
    static final int USE_TITLE = 4, USE_ISBN = 7, USE_AUTHOR = 1003, USE_ANY = 1016;

    /** Bib-1 diagnostic conditions raised here. */
    static final int TOO_MANY_TERMS = 31, UNSUPPORTED_USE = 114, UNSUPPORTED_RELATION = 117, UNSUPPORTED_STRUCTURE = 118,
            UNSUPPORTED_POSITION = 119, UNSUPPORTED_TRUNCATION = 120, UNSUPPORTED_COMPLETENESS = 122, MALFORMED_TERM = 125;

    private static final int MAX_EXPANSIONS = 4096;
    private static final Set<Integer> RELATIONS = Set.of(REL_LT, REL_LE, REL_EQ, REL_GE, REL_GT, REL_NE, REL_RELEVANCE, REL_ALWAYS);
    private static final Set<Integer> STRUCTURES = Set.of(STR_PHRASE, STR_WORD, STR_KEY, STR_YEAR, STR_DATE, STR_WORD_LIST,
            STR_DATE_UN, STR_NAME, STR_NAME_UN, STR_FREE_TEXT, STR_DOCUMENT_TEXT, STR_LOCAL_NUMBER, STR_STRING, STR_NUMERIC_STRING);
    private static final Set<Integer> TRUNCATIONS = Set.of(TRUNC_RIGHT, TRUNC_LEFT, TRUNC_BOTH, TRUNC_NONE, TRUNC_MASK,
            TRUNC_REGEXP1, TRUNC_REGEXP2, TRUNC_Z3958);
    private static final String ID_POINT = CatalogueDocument.ID_POINT;

    private final Bib1Mapping mapping;

    Bib1QueryTranslation(Bib1Mapping mapping) {
        this.mapping = mapping;
    }

    /** Complete subfield/field, key or string structure: the term matches the whole field ({@code p.} register). */
    static boolean completeField(Attributes a) {
        int str = a.structure();
        return a.completeness() == COMPL_SUBFIELD || a.completeness() == COMPL_FIELD || str == STR_KEY || str == STR_STRING;
    }

    Query toLucene(CatalogueQuery q, IndexReader reader) throws IOException {
        if (q instanceof CatalogueQuery.Term t) {
            return new ConstantScoreQuery(term(t.attributes(), t.text(), reader));
        } else if (q instanceof CatalogueQuery.And a) {
            return new BooleanQuery.Builder().add(toLucene(a.left(), reader), Occur.FILTER).add(toLucene(a.right(), reader), Occur.FILTER).build();
        } else if (q instanceof CatalogueQuery.Or o) {
            return new BooleanQuery.Builder().add(toLucene(o.left(), reader), Occur.SHOULD).add(toLucene(o.right(), reader), Occur.SHOULD).build();
        } else if (q instanceof CatalogueQuery.AndNot n) {
            return new BooleanQuery.Builder().add(toLucene(n.left(), reader), Occur.FILTER).add(toLucene(n.right(), reader), Occur.MUST_NOT).build();
        } else if (q instanceof CatalogueQuery.Prox p) {
            return new ProximitySearch(this, reader).query(p);
        } else if (q instanceof CatalogueQuery.BibIds ids) {
            return ids.ids().length == 0 ? new MatchNoDocsQuery() : LongPoint.newSetQuery(ID_POINT, ids.ids());
        }
        throw new IllegalArgumentException("unknown query node " + q);
    }

    Bib1Mapping.IndexDef indexFor(Attributes a) {
        int use = a.use() == 0 ? USE_ANY : a.use();
        return mapping.forUse(use)
                .orElseThrow(() -> new UnsupportedSearchException(UNSUPPORTED_USE, Integer.toString(use), "Unsupported Use attribute"));
    }

    static void check(Attributes a) {
        if (a.relation() != 0 && !RELATIONS.contains(a.relation())) {
            throw new UnsupportedSearchException(UNSUPPORTED_RELATION, Integer.toString(a.relation()), "Unsupported Relation attribute");
        }
        if (a.position() != 0 && (a.position() < POS_FIRST_IN_FIELD || a.position() > POS_ANY)) {
            throw new UnsupportedSearchException(UNSUPPORTED_POSITION, Integer.toString(a.position()), "Unsupported Position attribute");
        }
        if (a.structure() != 0 && !STRUCTURES.contains(a.structure())) {
            throw new UnsupportedSearchException(UNSUPPORTED_STRUCTURE, Integer.toString(a.structure()), "Unsupported Structure attribute");
        }
        if (a.truncation() != 0 && !TRUNCATIONS.contains(a.truncation())) {
            throw new UnsupportedSearchException(UNSUPPORTED_TRUNCATION, Integer.toString(a.truncation()), "Unsupported Truncation attribute");
        }
        if (a.completeness() != 0 && (a.completeness() < COMPL_INCOMPLETE || a.completeness() > COMPL_FIELD)) {
            throw new UnsupportedSearchException(UNSUPPORTED_COMPLETENESS, Integer.toString(a.completeness()), "Unsupported Completeness attribute");
        }
    }

    private Query term(Attributes a, String text, IndexReader reader) throws IOException {
        Bib1Mapping.IndexDef def = indexFor(a);
        check(a);
        int rel = a.relation() == 0 ? REL_EQ : a.relation();
        int str = a.structure();
        int trunc = a.truncation() == 0 ? TRUNC_NONE : a.truncation();
        boolean complete = completeField(a);
        boolean first = a.position() == POS_FIRST_IN_FIELD || a.position() == POS_FIRST_IN_SUBFIELD;
        String w = "w." + def.name();
        String p = "p." + def.name();
        if (rel == REL_ALWAYS) {
            // the records that have this index, as Zebra counts them: norms exist for every document with words in w.<index>
            return new FieldExistsQuery(w);
        }
        text = standardNumber(def, text);
        if (rel == REL_NE) {
            Attributes eq = a.withRelation(REL_EQ);
            return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER).add(term(eq, text, reader), Occur.MUST_NOT).build();
        }
        if (rel == REL_LT || rel == REL_LE || rel == REL_GE || rel == REL_GT) {
            String v = TextFolding.phrase(text);
            if (v.isEmpty()) {
                throw new UnsupportedSearchException(MALFORMED_TERM, text, "Malformed search term");
            }
            String field = v.indexOf(' ') >= 0 ? p : w;
            Query range = switch (rel) {
                case REL_LT -> TermRangeQuery.newStringRange(field, null, v, false, false);
                case REL_LE -> TermRangeQuery.newStringRange(field, null, v, false, true);
                case REL_GE -> TermRangeQuery.newStringRange(field, v, null, true, false);
                default -> TermRangeQuery.newStringRange(field, v, null, false, false);
            };
            // Zebra compares character by character: a proper prefix is not "less" ("19" is not < "1900")
            // and a longer term starting with the value is not "greater"
            BooleanQuery.Builder b = new BooleanQuery.Builder().add(range, Occur.FILTER);
            if (rel == REL_LT || rel == REL_LE) {
                for (int k = 1; k < v.length(); k++) {
                    b.add(new TermQuery(new Term(field, v.substring(0, k))), Occur.MUST_NOT);
                }
            } else {
                b.add(new WildcardQuery(new Term(field, escape(v) + "?*")), Occur.MUST_NOT);
            }
            return b.build();
        }
        String keep = switch (trunc) {
            case TRUNC_MASK -> "#";
            case TRUNC_Z3958 -> "#?";
            default -> "";
        };
        if (trunc == TRUNC_REGEXP1) {
            return regexp(w, text);
        }
        List<String> words = TextFolding.split(TextFolding.fold(text), keep);
        if (words.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        if (complete || first) {
            String v = String.join(" ", words);
            if (complete) {
                return truncated(p, v, trunc, true, true);
            }
            if (trunc == TRUNC_RIGHT) {
                return new PrefixQuery(new Term(p, v));
            }
            return new BooleanQuery.Builder().add(truncated(p, v, trunc, true, true), Occur.SHOULD)
                    .add(truncated(p, v + " ", trunc == TRUNC_NONE ? TRUNC_RIGHT : trunc, true, true), Occur.SHOULD).build();
        }
        if (str == STR_WORD_LIST || str == STR_DOCUMENT_TEXT || str == STR_FREE_TEXT) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (String word : words) {
                b.add(truncated(w, word, trunc, true, true), str == STR_FREE_TEXT ? Occur.SHOULD : Occur.FILTER);
            }
            return b.build();
        }
        if (words.size() == 1) {
            return truncated(w, words.get(0), trunc, true, true);
        }
        if (trunc == TRUNC_NONE) {
            return new PhraseQuery(w, words.toArray(new String[0]));
        }
        MultiPhraseQuery.Builder mp = new MultiPhraseQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            Query wq = truncated(w, words.get(i), trunc, i == 0, i == words.size() - 1);
            if (wq instanceof TermQuery tq) {
                mp.add(tq.getTerm());
            } else {
                Term[] expanded = expand((MultiTermQuery) wq, reader, w);
                if (expanded.length == 0) {
                    return new MatchNoDocsQuery();
                }
                mp.add(expanded);
            }
        }
        return mp.build();
    }

    /** ISBN/ISSN indexes: clean the term (hyphens, X) before matching. */
    static String standardNumber(Bib1Mapping.IndexDef def, String text) {
        boolean allStd = def.sources().stream().allMatch(s -> s.normalisation() != Bib1Mapping.Normalisation.TEXT);
        if (!allStd) {
            return text;
        }
        String c = StandardNumbers.clean(text.replace("#", "").replace("?", "").isEmpty() ? "" : text);
        return c.isEmpty() ? text : c;
    }

    static Query regexp(String field, String text) {
        try {
            return new RegexpQuery(new Term(field, TextFolding.fold(text.strip())));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedSearchException(MALFORMED_TERM, text, "Malformed regular expression");
        }
    }

    /** A word (or complete-field value) with Bib-1 truncation; left/right parts apply at the phrase ends only. */
    static Query truncated(String field, String v, int trunc, boolean isFirst, boolean isLast) {
        boolean right = (trunc == TRUNC_RIGHT || trunc == TRUNC_BOTH) && isLast;
        boolean left = (trunc == TRUNC_LEFT || trunc == TRUNC_BOTH) && isFirst;
        switch (trunc) {
            case TRUNC_MASK:
                return new WildcardQuery(new Term(field, escape(v).replace("#", "*")));
            case TRUNC_Z3958:
                return new WildcardQuery(new Term(field, escape(v).replace("\\?", "\u0000").replace("#", "?").replace("\u0000", "*")
                        .replaceAll("\\*[0-9]", "*")));
            case TRUNC_REGEXP2:
                return new FuzzyQuery(new Term(field, v));
            default:
                break;
        }
        if (!left && !right) {
            return new TermQuery(new Term(field, v));
        }
        if (right && !left) {
            return new PrefixQuery(new Term(field, v));
        }
        return new WildcardQuery(new Term(field, (left ? "*" : "") + escape(v) + (right ? "*" : "")));
    }

    private static String escape(String v) {
        StringBuilder b = new StringBuilder(v.length() + 4);
        for (char c : v.toCharArray()) {
            if (c == '*' || c == '?' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    static Term[] expand(MultiTermQuery q, IndexReader reader, String field) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
            return new Term[0];
        }
        TermsEnum te = q.getTermsEnum(terms);
        List<Term> out = new ArrayList<>();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
            if (out.size() >= MAX_EXPANSIONS) {
                throw new UnsupportedSearchException(TOO_MANY_TERMS, q.toString(), "truncated term matches too many words");
            }
            out.add(new Term(field, BytesRef.deepCopyOf(t)));
        }
        return out.toArray(new Term[0]);
    }
}
