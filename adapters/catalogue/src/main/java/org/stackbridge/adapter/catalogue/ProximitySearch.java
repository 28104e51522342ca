package org.stackbridge.adapter.catalogue;

import static org.stackbridge.core.catalogue.Attributes.COMPL_INCOMPLETE;
import static org.stackbridge.core.catalogue.Attributes.POS_FIRST_IN_FIELD;
import static org.stackbridge.core.catalogue.Attributes.POS_FIRST_IN_SUBFIELD;
import static org.stackbridge.core.catalogue.Attributes.REL_EQ;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_MASK;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_NONE;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_REGEXP1;
import static org.stackbridge.core.catalogue.Attributes.TRUNC_Z3958;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.stackbridge.core.catalogue.Attributes;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.UnsupportedSearchException;

/**
 * Word proximity ({@link CatalogueQuery.Prox}) over the word positions of a {@code w.<index>} register, with Zebra's
 * rules: a record matches when it holds both operands and some occurrence of the right operand stands at a distance
 * (right position minus left position; either way when unordered) from some occurrence of the left one that
 * satisfies the relation, or - with exclusion - some pair that does not. A prox operand's own occurrences are the
 * right-hand occurrences that matched, so proximities nest; a phrase's occurrence is its last word. Evaluated
 * eagerly over the postings of one reader into the matching bib ids.
 */
final class ProximitySearch {

    /** Bib-1 diagnostics raised here. */
    static final int SETS_UNSUPPORTED = 129, UNSUPPORTED_RELATION = 131, UNSUPPORTED_UNIT = 132;

    private final Bib1QueryTranslation translation;
    private final IndexReader reader;

    ProximitySearch(Bib1QueryTranslation translation, IndexReader reader) {
        this.translation = translation;
        this.reader = reader;
    }

    Query query(CatalogueQuery.Prox p) throws IOException {
        String field = field(p);
        List<Long> ids = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            Map<Integer, int[]> hits = positions(p, field, leaf);
            NumericDocValues bibIds = leaf.reader().getNumericDocValues(CatalogueDocument.BIB_ID);
            Bits live = leaf.reader().getLiveDocs();
            for (int doc : hits.keySet()) {
                if ((live == null || live.get(doc)) && bibIds != null && bibIds.advanceExact(doc)) {
                    ids.add(bibIds.longValue());
                }
            }
        }
        return ids.isEmpty() ? new MatchNoDocsQuery() : LongPoint.newSetQuery(CatalogueDocument.ID_POINT, ids);
    }

    /** The one word register both operands search (checked through nested proximities), after checking unit and relation. */
    private String field(CatalogueQuery q) {
        if (q instanceof CatalogueQuery.Prox p) {
            if (p.unit() != CatalogueQuery.Prox.UNIT_WORD) {
                throw new UnsupportedSearchException(UNSUPPORTED_UNIT, Integer.toString(p.unit()), "Unsupported proximity unit code");
            }
            if (p.relation() < CatalogueQuery.Prox.LESS_THAN || p.relation() > CatalogueQuery.Prox.NOT_EQUAL) {
                throw new UnsupportedSearchException(UNSUPPORTED_RELATION, Integer.toString(p.relation()), "Unsupported proximity relation");
            }
            String left = field(p.left());
            String right = field(p.right());
            if (!left.equals(right)) {
                throw new UnsupportedSearchException(SETS_UNSUPPORTED, "proximity of terms in different indexes ("
                        + left.substring(2) + ", " + right.substring(2) + ")", "Proximity search of sets not supported");
            }
            return left;
        }
        if (q instanceof CatalogueQuery.Term t) {
            Attributes a = t.attributes();
            Bib1QueryTranslation.check(a);
            boolean first = a.position() == POS_FIRST_IN_FIELD || a.position() == POS_FIRST_IN_SUBFIELD;
            if ((a.relation() != 0 && a.relation() != REL_EQ) || Bib1QueryTranslation.completeField(a) || first
                    || (a.completeness() != 0 && a.completeness() != COMPL_INCOMPLETE)) {
                throw new UnsupportedSearchException(SETS_UNSUPPORTED, "proximity operands must be words or phrases of an index",
                        "Proximity search of sets not supported");
            }
            return "w." + translation.indexFor(a).name();
        }
        throw new UnsupportedSearchException(SETS_UNSUPPORTED, "proximity of a boolean combination or a result set",
                "Proximity search of sets not supported");
    }

    /** Document (of the leaf) to the sorted positions where {@code q} occurs. */
    private Map<Integer, int[]> positions(CatalogueQuery q, String field, LeafReaderContext leaf) throws IOException {
        if (q instanceof CatalogueQuery.Term t) {
            return termPositions(t, field, leaf);
        }
        CatalogueQuery.Prox p = (CatalogueQuery.Prox) q;
        Map<Integer, int[]> left = positions(p.left(), field, leaf);
        Map<Integer, int[]> right = left.isEmpty() ? Map.of() : positions(p.right(), field, leaf);
        Map<Integer, int[]> out = new TreeMap<>();
        for (Map.Entry<Integer, int[]> e : right.entrySet()) {
            int[] ls = left.get(e.getKey());
            if (ls == null) {
                continue;
            }
            int[] matched = new int[e.getValue().length];
            int n = 0;
            for (int r : e.getValue()) {
                for (int l : ls) {
                    int diff = p.ordered() ? r - l : Math.abs(r - l);
                    if (p.accepts(diff) != p.exclusion()) {
                        matched[n++] = r;
                        break;
                    }
                }
            }
            if (n > 0) {
                out.put(e.getKey(), Arrays.copyOf(matched, n));
            }
        }
        return out;
    }

    /** A word (every expansion of a truncated one) or a phrase, whose occurrence is the position of its last word (as Zebra's). */
    private Map<Integer, int[]> termPositions(CatalogueQuery.Term t, String field, LeafReaderContext leaf) throws IOException {
        Attributes a = t.attributes();
        int trunc = a.truncation() == 0 ? TRUNC_NONE : a.truncation();
        String text = Bib1QueryTranslation.standardNumber(translation.indexFor(a), t.text());
        if (trunc == TRUNC_REGEXP1) {
            return occurrences(terms(Bib1QueryTranslation.regexp(field, text), field), leaf);
        }
        String keep = trunc == TRUNC_MASK ? "#" : trunc == TRUNC_Z3958 ? "#?" : "";
        List<String> words = TextFolding.split(TextFolding.fold(text), keep);
        Map<Integer, int[]> phrase = null;
        for (int i = 0; i < words.size(); i++) {
            Query wq = Bib1QueryTranslation.truncated(field, words.get(i), trunc, i == 0, i == words.size() - 1);
            Map<Integer, int[]> word = occurrences(terms(wq, field), leaf);
            phrase = i == 0 ? word : follows(phrase, word);
            if (phrase.isEmpty()) {
                break;
            }
        }
        return phrase == null ? Map.of() : phrase;
    }

    /** The positions of {@code word} right after an occurrence of {@code phrase} (the phrase extended by the word). */
    private static Map<Integer, int[]> follows(Map<Integer, int[]> phrase, Map<Integer, int[]> word) {
        Map<Integer, int[]> out = new TreeMap<>();
        for (Map.Entry<Integer, int[]> e : phrase.entrySet()) {
            int[] next = word.get(e.getKey());
            if (next == null) {
                continue;
            }
            int[] before = e.getValue();
            int[] kept = Arrays.stream(next).filter(pos -> Arrays.binarySearch(before, pos - 1) >= 0).toArray();
            if (kept.length > 0) {
                out.put(e.getKey(), kept);
            }
        }
        return out;
    }

    private Term[] terms(Query q, String field) throws IOException {
        if (q instanceof TermQuery tq) {
            return new Term[] {tq.getTerm()};
        }
        if (q instanceof MultiTermQuery mq) {
            return Bib1QueryTranslation.expand(mq, reader, field);
        }
        return new Term[0];
    }

    /** Per document, the sorted distinct positions of any of {@code terms}. */
    private static Map<Integer, int[]> occurrences(Term[] terms, LeafReaderContext leaf) throws IOException {
        Map<Integer, int[]> out = new TreeMap<>();
        for (Term term : terms) {
            PostingsEnum pe = leaf.reader().postings(term, PostingsEnum.POSITIONS);
            if (pe == null) {
                continue;
            }
            for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
                int[] ps = new int[pe.freq()];
                for (int i = 0; i < ps.length; i++) {
                    ps[i] = pe.nextPosition();
                }
                out.merge(doc, ps, ProximitySearch::union);
            }
        }
        return out;
    }

    private static int[] union(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return Arrays.stream(both).sorted().distinct().toArray();
    }
}
