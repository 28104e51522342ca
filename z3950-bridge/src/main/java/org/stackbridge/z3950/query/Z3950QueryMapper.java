package org.stackbridge.z3950.query;

import java.util.List;
import java.util.function.Function;
import org.stackbridge.core.catalogue.Attributes;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.AttributeElement;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;

/**
 * Type-1/101 RPN to the catalogue query model. Checks what the index cannot see: attribute sets (only
 * Bib-1; others 121), attribute types (7 sort in a search 207, others outside 1-6 113), term types (229),
 * complex values (126), use attribute 0 (114), private proximity units (132) and result-set references (30).
 */
public final class Z3950QueryMapper {

    private static final int MAX_TERM_LENGTH = 1024;

    private Z3950QueryMapper() {
    }

    /**
     * @param resultSets resolves a result-set name to its bib ids, null when unknown
     */
    public static CatalogueQuery map(String querySet, RpnNode rpn, Function<String, long[]> resultSets) {
        checkSet(querySet);
        return node(rpn, resultSets);
    }

    private static CatalogueQuery node(RpnNode n, Function<String, long[]> sets) {
        if (n instanceof RpnNode.AttributesPlusTerm apt) {
            return new CatalogueQuery.Term(attributes(apt.attributes()), termText(apt.term()));
        } else if (n instanceof RpnNode.ResultSetRef ref) {
            long[] ids = sets.apply(ref.name());
            if (ids == null) {
                throw new UnsupportedSearchException(30, ref.name(), "Specified result set does not exist");
            }
            return new CatalogueQuery.BibIds(ids);
        } else if (n instanceof RpnNode.Op op) {
            CatalogueQuery l = node(op.left(), sets);
            CatalogueQuery r = node(op.right(), sets);
            return switch (op.operator()) {
                case RpnNode.Op.AND -> new CatalogueQuery.And(l, r);
                case RpnNode.Op.OR -> new CatalogueQuery.Or(l, r);
                case RpnNode.Op.AND_NOT -> new CatalogueQuery.AndNot(l, r);
                case RpnNode.Op.PROX -> proximity(op.proximity(), l, r);
                default -> throw new UnsupportedSearchException(110, Integer.toString(op.operator()), "Operator unsupported");
            };
        }
        throw new UnsupportedSearchException(108, "", "Malformed query");
    }

    /** Known units go to the index (which answers 132 for those it cannot count); private units are 132 here, as Zebra answers. */
    private static CatalogueQuery proximity(RpnNode.Proximity p, CatalogueQuery l, CatalogueQuery r) {
        if (p == null) {
            throw new UnsupportedSearchException(108, "prox", "Malformed query");
        }
        if (!p.known()) {
            throw new UnsupportedSearchException(132, "", "Unsupported proximity unit code");
        }
        return new CatalogueQuery.Prox(l, r, p.exclusion(), p.distance(), p.ordered(), p.relation(), p.unit());
    }

    public static String termText(RpnNode.Term t) {
        if (t.kind() == RpnNode.Term.NUMERIC) {
            return Long.toString(t.numeric());
        }
        if (t.kind() != RpnNode.Term.GENERAL && t.kind() != RpnNode.Term.CHARACTER_STRING) {
            throw new UnsupportedSearchException(229, Integer.toString(t.kind()), "Term type not supported");
        }
        if (t.text().length() > MAX_TERM_LENGTH) {
            throw new UnsupportedSearchException(125, "term longer than " + MAX_TERM_LENGTH, "Malformed search term");
        }
        return t.text();
    }

    public static Attributes attributes(List<AttributeElement> elements) {
        int[] v = new int[7];
        for (AttributeElement e : elements) {
            if (e.attributeSet() != null) {
                checkSet(e.attributeSet());
            }
            if (e.type() == 7) {
                throw new UnsupportedSearchException(207, Long.toString(e.value()), "Cannot sort according to sequence");
            }
            if (e.type() < 1 || e.type() > 6) {
                throw new UnsupportedSearchException(113, Integer.toString(e.type()), "Unsupported attribute type");
            }
            if (e.isComplex()) {
                throw new UnsupportedSearchException(126, e.complexValue(), "Illegal term value for attribute");
            }
            if (e.value() < 0 || e.value() > Integer.MAX_VALUE) {
                throw new UnsupportedSearchException(126, Long.toString(e.value()), "Illegal term value for attribute");
            }
            if (e.type() == 1 && e.value() == 0) {
                // use 0 is no Bib-1 index (Zebra answers 114 too); an absent use attribute still means "any"
                throw new UnsupportedSearchException(114, "0", "Unsupported Use attribute");
            }
            v[e.type()] = (int) e.value();
        }
        return new Attributes(v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    private static void checkSet(String oid) {
        if (oid != null && !Oids.BIB1_ATTRIBUTES.equals(oid)) {
            throw new UnsupportedSearchException(121, oid, "Unsupported attribute set");
        }
    }

    /** A Bib-1 sort key from sort attributes (use) or a sort-field name (title, author, date or a number). */
    public static SortKey sortKey(List<AttributeElement> attributes, String sortField, int relation) {
        if (relation != 0 && relation != 1) {
            throw new UnsupportedSearchException(214, Integer.toString(relation), "Illegal sort relation");
        }
        int use = 0;
        if (sortField != null) {
            use = switch (sortField.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "title", "ti", "4" -> 4;
                case "author", "au", "creator", "1003" -> 1003;
                case "date", "year", "31" -> 31;
                default -> throw new UnsupportedSearchException(207, sortField, "Cannot sort according to sequence");
            };
        } else {
            for (AttributeElement a : attributes) {
                if (a.attributeSet() != null) {
                    checkSet(a.attributeSet());
                }
                if (a.type() == 1 && !a.isComplex()) {
                    use = (int) a.value();
                }
            }
            if (use == 0) {
                throw new UnsupportedSearchException(207, "no use attribute", "Cannot sort according to sequence");
            }
        }
        return new SortKey(use, relation == 1);
    }
}
